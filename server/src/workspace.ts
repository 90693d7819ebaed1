/**
 * The workspace's settings and records: departments, canned responses, helpdesk teams, tickets,
 * leads, webhooks and visitors' contact details. Tickets and leads made here are announced to the
 * account's webhooks without waiting for them.
 */
import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { validateWebhookUrl } from './domain/webhooks.js';
import type { OperatorSession } from './chat.js';
import type { SqliteStore } from './store/sqlite.js';
import type { NewLead, NewTicket } from './store/workspace.js';
import { WORKSPACE_LIMITS, type CannedResponse, type Department, type HelpdeskTeam, type Lead, type Ticket, type Webhook } from './protocol/workspace.js';
import { WebhookSender } from './webhooks.js';

const notFound = (what: string, id: number) => new TRPCError({ code: 'NOT_FOUND', message: `${what} ${id} not found` });

export class WorkspaceService {
  readonly #store: SqliteStore;
  readonly #now: () => number;
  readonly webhooks: WebhookSender;

  constructor(store: SqliteStore, now: () => number, webhooks?: WebhookSender) {
    this.#store = store;
    this.#now = now;
    this.webhooks = webhooks ?? new WebhookSender({ targets: (accountId) => store.workspace.webhooks(accountId) });
  }

  close(): void {
    this.webhooks.close();
  }

  #operatorIds(accountId: number, ids: readonly number[]): void {
    const known = new Set(this.#store.operators(accountId).map((o) => o.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown !== undefined) throw notFound('Operator', unknown);
  }

  // --- departments ---------------------------------------------------------------------

  departments(accountId: number): Department[] {
    return this.#store.workspace.departments(accountId);
  }

  saveDepartment(op: OperatorSession, id: number | null, fields: { name: string; operatorIds: number[] }): Department {
    const existing = this.departments(op.accountId);
    if (id !== null && !existing.some((d) => d.id === id)) throw notFound('Department', id);
    if (existing.some((d) => d.id !== id && d.name.toLowerCase() === fields.name.toLowerCase())) {
      throw new TRPCError({ code: 'CONFLICT', message: `A department named "${fields.name}" already exists` });
    }
    if (id === null && existing.length >= WORKSPACE_LIMITS.departments) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `An account can have at most ${WORKSPACE_LIMITS.departments} departments` });
    }
    this.#operatorIds(op.accountId, fields.operatorIds);
    const saved = this.#store.transaction(() => this.#store.workspace.saveDepartment(op.accountId, id, fields.name, fields.operatorIds, this.#now()));
    return this.departments(op.accountId).find((d) => d.id === saved)!;
  }

  removeDepartment(op: OperatorSession, id: number): void {
    if (!this.departments(op.accountId).some((d) => d.id === id)) throw notFound('Department', id);
    this.#store.transaction(() => this.#store.workspace.deleteDepartment(id));
  }

  // --- canned responses ----------------------------------------------------------------

  canned(accountId: number): CannedResponse[] {
    return this.#store.workspace.cannedResponses(accountId);
  }

  saveCanned(op: OperatorSession, id: number | null, fields: { shortcut: string; text: string }): CannedResponse {
    const list = this.canned(op.accountId);
    if (id !== null && !list.some((c) => c.id === id)) throw notFound('Canned response', id);
    const clash = list.find((c) => c.id !== id && c.shortcut.toLowerCase() === fields.shortcut.toLowerCase());
    if (clash) throw new TRPCError({ code: 'CONFLICT', message: `The shortcut ":${clash.shortcut}" is already used` });
    if (id === null && list.length >= WORKSPACE_LIMITS.cannedResponses) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `An account can have at most ${WORKSPACE_LIMITS.cannedResponses} canned responses` });
    }
    return this.#store.workspace.saveCanned(op.accountId, id, fields.shortcut, fields.text, this.#now());
  }

  removeCanned(op: OperatorSession, id: number): void {
    if (!this.#store.workspace.deleteCanned(op.accountId, id)) throw notFound('Canned response', id);
  }

  // --- helpdesk teams ------------------------------------------------------------------

  teams(accountId: number): HelpdeskTeam[] {
    return this.#store.workspace.teams(accountId);
  }

  saveTeam(op: OperatorSession, id: number | null, fields: Omit<HelpdeskTeam, 'id'>): HelpdeskTeam {
    const teams = this.teams(op.accountId);
    if (id !== null && !teams.some((t) => t.id === id)) throw notFound('Team', id);
    if (id === null && teams.length >= WORKSPACE_LIMITS.teams) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `An account can have at most ${WORKSPACE_LIMITS.teams} helpdesk teams` });
    }
    if (fields.defaultAssigneeId !== null) this.#operatorIds(op.accountId, [fields.defaultAssigneeId]);
    return this.#store.workspace.saveTeam(op.accountId, id, fields, this.#now());
  }

  removeTeam(op: OperatorSession, id: number): void {
    if (!this.#store.workspace.deleteTeam(op.accountId, id)) throw notFound('Team', id);
  }

  // --- tickets and leads ---------------------------------------------------------------

  /** Writes a ticket; call inside the chat's transaction, then `announce` after it commits. */
  createTicket(t: Omit<NewTicket, 'teamId' | 'teamName' | 'assigneeId'>): Ticket {
    // The team with the highest priority takes it, with its default assignee if set.
    const team = this.teams(t.accountId)[0] ?? null;
    return this.#store.workspace.createTicket(
      { ...t, teamId: team?.id ?? null, teamName: team?.name ?? null, assigneeId: team?.defaultAssigneeId ?? null },
      this.#now(),
    );
  }

  createLead(l: NewLead): Lead {
    return this.#store.workspace.createLead(l, this.#now());
  }

  /** Tells the account's webhooks, without waiting for them. */
  announce(accountId: number, event: 'ticket.created' | 'lead.created', data: Ticket | Lead): void {
    this.webhooks.emit(accountId, event, data);
  }

  tickets(accountId: number): Ticket[] {
    return this.#store.workspace.tickets(accountId);
  }

  leads(accountId: number): Lead[] {
    return this.#store.workspace.leads(accountId);
  }

  // --- webhooks ------------------------------------------------------------------------

  /** Secrets show in full only when created. */
  webhookList(accountId: number): Webhook[] {
    return this.#store.workspace.webhooks(accountId).map((w) => ({ ...w, secret: `…${w.secret.slice(-4)}` }));
  }

  createWebhook(op: OperatorSession, url: string, events: Webhook['events']): Webhook {
    const problem = validateWebhookUrl(url);
    if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
    if (this.#store.workspace.webhooks(op.accountId).length >= WORKSPACE_LIMITS.webhooks) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `An account can have at most ${WORKSPACE_LIMITS.webhooks} webhooks` });
    }
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    return this.#store.workspace.createWebhook(op.accountId, url, secret, [...new Set(events)], this.#now());
  }

  removeWebhook(op: OperatorSession, id: number): void {
    if (!this.#store.workspace.deleteWebhook(op.accountId, id)) throw notFound('Webhook', id);
  }
}
