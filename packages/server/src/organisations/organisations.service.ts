/**
 * Organisations: applicant organisations (made at registration), reviewing units and the categories they belong
 * to. A programme's categories and units are loaded by `upsertProgrammeOrganisations` when it is published;
 * platform administrators may add and edit units by hand.
 *
 * Categories are rows of kind `category` with id `<programmeId>:<categoryId>` (category ids are only unique within
 * a programme), holding the category → role mapping and the quota in `attributes`. Units keep the id the programme
 * declares (forms store it) with `category` = the programme's category id and `parentId` = the category row.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Database, DbOrTx } from '../db/client.ts';
import { organisations } from '../db/schema/accounts.ts';
import { AppError } from '../errors.ts';
import type { AuditService } from '../audit/audit.service.ts';

export type Organisation = typeof organisations.$inferSelect;
export type OrganisationKind = Organisation['kind'];
export const organisationKinds: readonly OrganisationKind[] = ['applicant', 'reviewer', 'platform', 'category'];

/** A text as programme folders write it: plain Chinese or `{ zh, en }`. */
export type LocalText = string | { zh: string; en?: string | undefined };

export interface ProgrammeCategory {
  id: string;
  title: LocalText;
  role: string;
  quota?: number | undefined;
}

/** One contact of a unit as the notice lists it (联系人及电话): shown to applicants who choose the unit. */
export interface UnitContact {
  name: string;
  phone: string;
  note?: LocalText | undefined;
}

export interface ProgrammeUnit {
  id: string;
  title: LocalText;
  category: string;
  contacts?: UnitContact[] | undefined;
}

/**
 * What a platform administrator changed on a unit a programme declares, kept in its attributes as `overrides`: a new
 * version of the programme refreshes everything else from the folder, but not these (a renamed unit stays renamed, a
 * new contact person stays). Only fields the administrator actually changed are kept.
 */
export interface UnitOverrides {
  name?: string;
  category?: string;
  contacts?: UnitContact[];
}

export function overridesOf(row: Organisation | undefined): UnitOverrides {
  const value = (row?.attributes as { overrides?: unknown } | undefined)?.overrides;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as UnitOverrides) : {};
}

export interface OrganisationFilter {
  kind?: OrganisationKind | undefined;
  category?: string | undefined;
  programmeId?: string | undefined;
  ids?: string[] | undefined;
}

export interface OrganisationInput {
  name: string;
  kind: OrganisationKind;
  category?: string | null | undefined;
  parentId?: string | null | undefined;
  uscc?: string | null | undefined;
  attributes?: Record<string, unknown> | undefined;
}

export interface OrganisationsService {
  list(filter: OrganisationFilter, tx?: DbOrTx): Promise<Organisation[]>;
  get(id: string, tx?: DbOrTx): Promise<Organisation | undefined>;
  create(input: OrganisationInput & { id?: string | undefined }, actorId: string, tx?: DbOrTx): Promise<Organisation>;
  update(id: string, patch: Partial<OrganisationInput>, actorId: string): Promise<Organisation>;
  upsertProgrammeOrganisations(programmeId: string, categories: ProgrammeCategory[], units: ProgrammeUnit[], tx?: DbOrTx): Promise<void>;
}

export function categoryRowId(programmeId: string, categoryId: string): string {
  return `${programmeId}:${categoryId}`;
}

function zh(text: LocalText): string {
  return typeof text === 'string' ? text : text.zh;
}

export function createOrganisationsService(db: Database, clock: Clock, audit: AuditService): OrganisationsService {
  const service: OrganisationsService = {
    async list(filter, tx) {
      const conditions: SQL[] = [];
      if (filter.kind) conditions.push(eq(organisations.kind, filter.kind));
      if (filter.category) conditions.push(eq(organisations.category, filter.category));
      if (filter.programmeId) conditions.push(eq(organisations.sourceProgramme, filter.programmeId));
      if (filter.ids) conditions.push(inArray(organisations.id, filter.ids.length > 0 ? filter.ids : ['']));
      // A programme's categories and units in the notice's own order (people look for their unit where the notice put
      // it); other organisations, and those a person added by hand, after them by name.
      return (tx ?? db).select().from(organisations).where(and(...conditions))
        .orderBy(sql`(${organisations.attributes}->>'position')::int asc nulls last`, asc(organisations.name)).limit(5000);
    },

    async get(id, tx) {
      const [row] = await (tx ?? db).select().from(organisations).where(eq(organisations.id, id)).limit(1);
      return row;
    },

    async create(input, actorId, tx) {
      const now = clock.now();
      const run = async (t: DbOrTx) => {
        const id = input.id ?? randomUUID();
        if (await service.get(id, t)) throw new AppError('SB_ERR_CONFLICT');
        if (input.parentId && !(await service.get(input.parentId, t))) throw new AppError('SB_ERR_NOT_FOUND', { what: `上级单位 ${input.parentId}` });
        const [row] = await t
          .insert(organisations)
          .values({
            id,
            name: input.name.trim(),
            kind: input.kind,
            category: input.category ?? null,
            parentId: input.parentId ?? null,
            uscc: input.uscc ?? null,
            attributes: input.attributes ?? {},
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!row) throw new Error('insert into organisations returned no row');
        await audit.record({ actorId, action: 'organisation.created', result: 'ok', subjectType: 'organisation', subjectId: row.id, details: { name: row.name, kind: row.kind, category: row.category } }, t);
        return row;
      };
      return tx ? run(tx) : db.transaction(run);
    },

    async update(id, patch, actorId) {
      return db.transaction(async (tx) => {
        const existing = await service.get(id, tx);
        if (!existing) throw new AppError('SB_ERR_NOT_FOUND', { what: `单位 ${id}` });
        const [row] = await tx
          .update(organisations)
          .set({
            ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
            ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
            ...(patch.category !== undefined ? { category: patch.category } : {}),
            ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}),
            ...(patch.uscc !== undefined ? { uscc: patch.uscc } : {}),
            ...(patch.attributes !== undefined ? { attributes: { ...existing.attributes, ...patch.attributes } } : {}),
            updatedAt: clock.now(),
          })
          .where(eq(organisations.id, id))
          .returning();
        if (!row) throw new AppError('SB_ERR_NOT_FOUND', { what: `单位 ${id}` });
        await audit.record({ actorId, action: 'organisation.updated', result: 'ok', subjectType: 'organisation', subjectId: id, details: { patch } }, tx);
        return row;
      });
    },

    async upsertProgrammeOrganisations(programmeId, categories, units, tx) {
      const run = async (t: DbOrTx) => {
        const now = clock.now();
        const byId = new Map(categories.map((c) => [c.id, c]));
        for (const [position, category] of categories.entries()) {
          const values = {
            name: zh(category.title),
            kind: 'category' as const,
            category: null,
            parentId: null,
            sourceProgramme: programmeId,
            attributes: { programmeId, categoryId: category.id, title: category.title, role: category.role, quota: category.quota ?? null, position },
            updatedAt: now,
          };
          await t.insert(organisations).values({ id: categoryRowId(programmeId, category.id), ...values, createdAt: now }).onConflictDoUpdate({ target: organisations.id, set: values });
        }
        const existing = units.length === 0 ? [] : await t.select().from(organisations).where(inArray(organisations.id, units.map((u) => u.id)));
        const overridesById = new Map(existing.map((row) => [row.id, overridesOf(row)]));
        for (const [position, unit] of units.entries()) {
          if (!byId.has(unit.category)) throw new Error(`unit ${unit.id} names unknown category ${unit.category} in programme ${programmeId}`);
          const overrides = overridesById.get(unit.id) ?? {};
          // An administrator's move to another category holds while this version still declares that category.
          const categoryId = overrides.category !== undefined && byId.has(overrides.category) ? overrides.category : unit.category;
          const values = {
            name: overrides.name ?? zh(unit.title),
            kind: 'reviewer' as const,
            category: categoryId,
            parentId: categoryRowId(programmeId, categoryId),
            sourceProgramme: programmeId,
            attributes: {
              programmeId, title: unit.title, role: byId.get(categoryId)!.role, position, contacts: unit.contacts ?? [],
              ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
            },
            updatedAt: now,
          };
          await t.insert(organisations).values({ id: unit.id, ...values, createdAt: now }).onConflictDoUpdate({ target: organisations.id, set: values });
        }
      };
      await (tx ? run(tx) : db.transaction(run));
    },
  };
  return service;
}
