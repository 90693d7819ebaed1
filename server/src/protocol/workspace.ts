/**
 * The operator workspace on the wire: departments, transfers, ending with tags, contact details,
 * canned responses, helpdesk teams, tickets, leads and webhooks.
 */
import { z } from 'zod';
import { ConversationId } from './index.js';

export const WORKSPACE_LIMITS = {
  departmentName: 60,
  departments: 50,
  tags: 10,
  tag: 40,
  shortcut: 32,
  cannedText: 1000,
  cannedResponses: 500,
  teamName: 60,
  teams: 20,
  phone: 40,
  notes: 2000,
  webhooks: 10,
  url: 2048,
  ratingComment: 500,
} as const;
const L = WORKSPACE_LIMITS;

const Id = z.number().int().positive();

export const DepartmentInput = z.strictObject({
  name: z.string().trim().min(1, 'A department needs a name').max(L.departmentName, `A department name is at most ${L.departmentName} characters`),
  operatorIds: z.array(Id).max(500).default([]),
});
export const DepartmentUpdate = z.strictObject({ id: Id, fields: DepartmentInput });

/** Transfer: hand the chat over and leave. Invite: add an operator and stay. */
export const TransferInput = z.strictObject({
  conversationId: ConversationId,
  to: z.union([z.strictObject({ operatorId: Id }), z.strictObject({ departmentId: Id })]),
  mode: z.enum(['transfer', 'invite']).default('transfer'),
});

export const Tag = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty')
  .max(L.tag, `A tag is at most ${L.tag} characters`)
  .refine((t) => !/[,\n]/.test(t), 'A tag cannot contain a comma or a line break');

export const EndInput = z.strictObject({
  conversationId: ConversationId,
  tags: z.array(Tag).max(L.tags, `At most ${L.tags} tags`).default([]),
});

/** The visitor rates a chat they were in; rating again replaces the rating. */
export const RateInput = z.strictObject({
  conversationId: ConversationId,
  rating: z.enum(['good', 'bad'], { error: 'A rating is "good" or "bad"' }),
  comment: z.string().trim().max(L.ratingComment, `A comment is at most ${L.ratingComment} characters`).default(''),
});

export const ContactInput = z.strictObject({
  visitorId: Id,
  name: z.string().trim().max(80, 'A name is at most 80 characters').optional(),
  email: z.union([z.literal(''), z.string().trim().email('Enter a valid email address').max(254)]).optional(),
  phone: z
    .string()
    .trim()
    .max(L.phone, `A phone number is at most ${L.phone} characters`)
    .regex(/^[0-9+()\-.\s]*$/, 'A phone number may contain only digits, spaces and + ( ) - .')
    .optional(),
  notes: z.string().max(L.notes, `Notes are at most ${L.notes} characters`).optional(),
});

export const CannedInput = z.strictObject({
  shortcut: z
    .string()
    .trim()
    .transform((s) => s.replace(/^:/, ''))
    .pipe(
      z
        .string()
        .min(1, 'A shortcut needs at least 1 character')
        .max(L.shortcut, `A shortcut is at most ${L.shortcut} characters`)
        .regex(/^[A-Za-z0-9_-]+$/, 'A shortcut may contain only letters, digits, "-" and "_", with no spaces'),
    ),
  text: z
    .string()
    .max(L.cannedText, `A response is at most ${L.cannedText} characters`)
    .refine((s) => s.trim().length > 0, 'A response cannot be empty'),
});
export const CannedUpdate = z.strictObject({ id: Id, fields: CannedInput });

export const HelpdeskTeamInput = z.strictObject({
  name: z.string().trim().min(1, 'A team needs a name').max(L.teamName, `A team name is at most ${L.teamName} characters`),
  /** Higher goes first: a new ticket goes to the team with the highest priority. */
  priority: z.number().int().min(0, 'Priority is 0 to 100').max(100, 'Priority is 0 to 100'),
  defaultAssigneeId: Id.nullable().default(null),
});
export const HelpdeskTeamUpdate = z.strictObject({ id: Id, fields: HelpdeskTeamInput });

export const WebhookInput = z.strictObject({
  url: z.string().trim().max(L.url, `A URL is at most ${L.url} characters`),
  events: z.array(z.enum(['ticket.created', 'lead.created'])).min(1, 'Choose at least one event'),
});

export const IdRef = z.strictObject({ id: Id });

/** An operator starts a chat with a visitor on the site: their first message opens it. */
export const StartChatInput = z.strictObject({
  visitorId: Id,
  clientId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  text: z
    .string()
    .max(4000, 'A message can be at most 4000 characters')
    .refine((s) => s.trim().length > 0, 'A message cannot be empty'),
});

// ---------------------------------------------------------------------------
// Shapes sent to clients

export interface Department {
  id: number;
  name: string;
  operatorIds: number[];
}

export interface CannedResponse {
  id: number;
  shortcut: string;
  text: string;
  updatedAt: number;
}

export interface HelpdeskTeam {
  id: number;
  name: string;
  priority: number;
  defaultAssigneeId: number | null;
}

export interface Ticket {
  id: number;
  number: number;
  title: string;
  description: string;
  teamName: string | null;
  assigneeName: string | null;
  conversationId: number | null;
  /** The requester: the visitor of the chat, with the contact details operators saved. */
  visitorName: string | null;
  visitorEmail: string | null;
  createdByName: string | null;
  createdAt: number;
}

export interface Lead {
  id: number;
  number: number;
  name: string;
  notes: string;
  source: string;
  email: string | null;
  phone: string | null;
  conversationId: number | null;
  createdByName: string | null;
  createdAt: number;
}

export interface Webhook {
  id: number;
  url: string;
  events: Array<'ticket.created' | 'lead.created'>;
  /** Shown in full only in the answer to create; lists show its last 4 characters. */
  secret: string;
  createdAt: number;
}

/** A visitor on the site now, as the operators' live list shows them. */
export interface LiveVisitor {
  id: number;
  displayName: string;
  email: string | null;
  /** From the browser: where GeoIP is not configured, these say roughly where the visitor is. */
  language: string;
  timeZone: string;
  device: string;
  currentPage: { url: string; title: string; at: number } | null;
  pagesThisVisit: number;
  /** When this visit began: time on site runs from here. */
  visitStartedAt: number | null;
  /** Where the visitor's address is, when the server has a GeoIP database that knows it. */
  location: VisitorLocation | null;
}

/** A place from GeoIP. The country is an ISO 3166 code, for the panel to name in its own language. */
export interface VisitorLocation {
  countryCode: string;
  region: string | null;
  city: string | null;
}

/** A visitor as the operator's details pane shows them. */
export interface VisitorContact {
  id: number;
  displayName: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  notes: string;
}

export type TransferRequest = z.output<typeof TransferInput>;
export type ContactUpdate = z.output<typeof ContactInput>;
