/** The marketer's admin: proactive messages, business hours, channels. Admin role only. */
import { z } from 'zod';
import {
  AccountSettingsSchema,
  ProactiveFields,
  ProactiveRef,
  ProactiveReorder,
  ProactiveUpdate,
  SimulateInput,
} from '../protocol/proactive.js';
import { AvailabilitySchema, OperatorCapacityInput } from '../protocol/availability.js';
import {
  CannedInput,
  CannedUpdate,
  DepartmentInput,
  DepartmentUpdate,
  HelpdeskTeamInput,
  HelpdeskTeamUpdate,
  IdRef,
  WebhookInput,
} from '../protocol/workspace.js';
import { adminProcedure, router } from '../trpc.js';

const Id = z.strictObject({ id: z.number().int().positive() });

export const adminRouter = router({
  proactive: router({
    list: adminProcedure.query(({ ctx }) => ctx.chat.proactive.list(ctx.op)),
    get: adminProcedure.input(ProactiveRef).query(({ ctx, input }) => ctx.chat.proactive.get(ctx.op, input.id)),
    create: adminProcedure.input(ProactiveFields).mutation(({ ctx, input }) => ctx.chat.proactive.create(ctx.op, input)),
    update: adminProcedure.input(ProactiveUpdate).mutation(({ ctx, input }) => ctx.chat.proactive.update(ctx.op, input.id, input.fields)),
    clone: adminProcedure.input(ProactiveRef).mutation(({ ctx, input }) => ctx.chat.proactive.clone(ctx.op, input.id)),
    publish: adminProcedure.input(ProactiveRef).mutation(({ ctx, input }) => ctx.chat.proactive.act(ctx.op, input.id, 'publish')),
    pause: adminProcedure.input(ProactiveRef).mutation(({ ctx, input }) => ctx.chat.proactive.act(ctx.op, input.id, 'pause')),
    resume: adminProcedure.input(ProactiveRef).mutation(({ ctx, input }) => ctx.chat.proactive.act(ctx.op, input.id, 'resume')),
    remove: adminProcedure.input(ProactiveRef).mutation(({ ctx, input }) => ctx.chat.proactive.remove(ctx.op, input.id)),
    reorder: adminProcedure.input(ProactiveReorder).mutation(({ ctx, input }) => ctx.chat.proactive.reorder(ctx.op, input.ids)),
    simulate: adminProcedure.input(SimulateInput).query(({ ctx, input }) => ctx.chat.proactive.simulate(ctx.op, input)),
  }),
  settings: router({
    get: adminProcedure.query(({ ctx }) => ctx.chat.proactive.settings(ctx.op)),
    update: adminProcedure.input(AccountSettingsSchema).mutation(({ ctx, input }) => ctx.chat.proactive.saveSettings(ctx.op, input)),
  }),
  /** Holidays, meal times, chat stopped, distribution, the cap, categories and automatic messages. */
  availability: router({
    get: adminProcedure.query(({ ctx }) => ctx.chat.availability.settings(ctx.op.accountId)),
    update: adminProcedure.input(AvailabilitySchema).mutation(({ ctx, input }) => ctx.chat.saveAvailability(ctx.op, input)),
  }),
  sites: router({
    remove: adminProcedure.input(Id).mutation(({ ctx, input }) => ctx.chat.proactive.removeSite(ctx.op, input.id)),
  }),
  departments: router({
    list: adminProcedure.query(({ ctx }) => ctx.chat.workspace.departments(ctx.op.accountId)),
    create: adminProcedure.input(DepartmentInput).mutation(({ ctx, input }) => ctx.chat.listsChanged(ctx.op.accountId, ctx.chat.workspace.saveDepartment(ctx.op, null, input))),
    update: adminProcedure.input(DepartmentUpdate).mutation(({ ctx, input }) => ctx.chat.listsChanged(ctx.op.accountId, ctx.chat.workspace.saveDepartment(ctx.op, input.id, input.fields))),
    remove: adminProcedure.input(IdRef).mutation(({ ctx, input }) => ctx.chat.listsChanged(ctx.op.accountId, ctx.chat.workspace.removeDepartment(ctx.op, input.id))),
  }),
  /** Canned responses: ":shortcut" → text, inserted from the operator's composer. */
  canned: router({
    list: adminProcedure.query(({ ctx }) => ctx.chat.workspace.canned(ctx.op.accountId)),
    create: adminProcedure.input(CannedInput).mutation(({ ctx, input }) => ctx.chat.listsChanged(ctx.op.accountId, ctx.chat.workspace.saveCanned(ctx.op, null, input))),
    update: adminProcedure.input(CannedUpdate).mutation(({ ctx, input }) => ctx.chat.listsChanged(ctx.op.accountId, ctx.chat.workspace.saveCanned(ctx.op, input.id, input.fields))),
    remove: adminProcedure.input(IdRef).mutation(({ ctx, input }) => ctx.chat.listsChanged(ctx.op.accountId, ctx.chat.workspace.removeCanned(ctx.op, input.id))),
  }),
  /** Helpdesk teams: a ticket goes to the one with the highest priority, with its default assignee. */
  teams: router({
    list: adminProcedure.query(({ ctx }) => ctx.chat.workspace.teams(ctx.op.accountId)),
    create: adminProcedure.input(HelpdeskTeamInput).mutation(({ ctx, input }) => ctx.chat.workspace.saveTeam(ctx.op, null, input)),
    update: adminProcedure.input(HelpdeskTeamUpdate).mutation(({ ctx, input }) => ctx.chat.workspace.saveTeam(ctx.op, input.id, input.fields)),
    remove: adminProcedure.input(IdRef).mutation(({ ctx, input }) => ctx.chat.workspace.removeTeam(ctx.op, input.id)),
  }),
  tickets: adminProcedure.query(({ ctx }) => ctx.chat.workspace.tickets(ctx.op.accountId)),
  leads: adminProcedure.query(({ ctx }) => ctx.chat.workspace.leads(ctx.op.accountId)),
  /** Outgoing webhooks for ticket.created and lead.created, signed with HMAC-SHA256. */
  webhooks: router({
    list: adminProcedure.query(({ ctx }) => ctx.chat.workspace.webhookList(ctx.op.accountId)),
    create: adminProcedure.input(WebhookInput).mutation(({ ctx, input }) => ctx.chat.workspace.createWebhook(ctx.op, input.url, input.events)),
    remove: adminProcedure.input(IdRef).mutation(({ ctx, input }) => ctx.chat.workspace.removeWebhook(ctx.op, input.id)),
  }),
  operators: router({
    list: adminProcedure.query(({ ctx }) => ctx.chat.operators(ctx.op)),
    /** The team with status, connection, load and capacity. */
    team: adminProcedure.query(({ ctx }) => ctx.chat.availability.team(ctx.op.accountId)),
    setCapacity: adminProcedure.input(OperatorCapacityInput).mutation(({ ctx, input }) => ctx.chat.setCapacity(ctx.op, input.id, input.capacity)),
    remove: adminProcedure.input(Id).mutation(({ ctx, input }) => ctx.chat.proactive.removeOperator(ctx.op, input.id)),
  }),
});
