import type { AppModule, RequestContext } from '../graphql/module.ts';
import { AppError } from '../errors.ts';
import type { Guards } from '../access/guards.ts';
import { hasRole } from '../access/grants.ts';
import { categoryRowId, organisationKinds, overridesOf, type OrganisationKind, type OrganisationsService, type UnitOverrides } from './organisations.service.ts';
import { toOrganisationView as toView } from './organisation-view.ts';
import { checkUnitContacts, type UnitContactInput } from './unit-contacts.ts';

interface UnitInput {
  id?: string | null;
  name: string;
  programmeId?: string | null;
  category?: string | null;
  parentId?: string | null;
}

interface UnitPatch extends Partial<UnitInput> {
  contacts?: UnitContactInput[] | null;
  contactsFromNotice?: boolean | null;
}

/** The unit name trimmed; an empty one is refused. */
function unitName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError('SB_ERR_VALIDATION', {}, { fields: { '/name': [{ zh: '请填写单位名称', en: 'Enter the unit name' }] } });
  return trimmed;
}

function checkKind(kind: string | undefined | null): OrganisationKind | undefined {
  if (kind === undefined || kind === null) return undefined;
  if (!(organisationKinds as string[]).includes(kind)) {
    throw new AppError('SB_ERR_VALIDATION', {}, { fields: { '/kind': [{ zh: `单位类型只能是 ${organisationKinds.join('、')}`, en: `kind must be one of ${organisationKinds.join(', ')}` }] } });
  }
  return kind as OrganisationKind;
}

/** A unit placed in a programme category takes the category's role; the category row must exist. */
async function placement(organisations: OrganisationsService, input: { programmeId?: string | null; category?: string | null; parentId?: string | null }) {
  if (!input.programmeId || !input.category) return { category: input.category ?? null, parentId: input.parentId ?? null, attributes: {} };
  const categoryRow = await organisations.get(categoryRowId(input.programmeId, input.category));
  if (!categoryRow) throw new AppError('SB_ERR_NOT_FOUND', { what: `单位类别 ${input.category}` });
  const role = (categoryRow.attributes as { role?: unknown }).role;
  return { category: input.category, parentId: input.parentId ?? categoryRow.id, attributes: { programmeId: input.programmeId, role } };
}

export function createOrganisationsModule({ organisations, guards }: { organisations: OrganisationsService; guards: Guards }): AppModule {
  return {
    name: 'organisations',
    typeDefs: /* GraphQL */ `
      "申报单位、审核单位及其类别 / applicant organisations, reviewing units and their categories"
      type Organisation {
        id: ID!
        name: String!
        "applicant | reviewer | platform | category"
        kind: String!
        "单位类别编号（程序内）/ the programme's category id"
        category: String
        parentId: String
        programmeId: String
        "类别对应的审核角色 / reviewing role of the category"
        role: String
        "类别的推荐限额 / report quota of the category"
        quota: Int
        uscc: String
        "单位联系人：管理员修改过的，否则为通知所列 / the unit's contacts: as an administrator set them, else as its notice lists them"
        contacts: [UnitContact!]!
        "联系人已由管理员修改（不再随项目新版本更新）/ an administrator set the contacts (a new programme version keeps them)"
        contactsEdited: Boolean!
      }
      type UnitContact {
        name: String!
        phone: String!
        "备注：邮箱、地址等，字符串或 { zh, en } / a note: e-mail, address …, a string or { zh, en }"
        note: JSON
      }
      input UnitInput {
        "不填则自动生成 / generated when empty"
        id: ID
        name: String!
        programmeId: String
        category: String
        parentId: String
      }
      input UnitContactInput {
        name: String!
        phone: String!
        "备注：邮箱、地址、咨询事项 / a note: e-mail, address, what to ask about"
        note: String
      }
      input UnitPatch {
        name: String
        programmeId: String
        category: String
        parentId: String
        "替换联系人（最多 10 位）/ replaces the contacts (at most 10)"
        contacts: [UnitContactInput!]
        "恢复为通知所列的联系人 / back to the contacts the notice lists"
        contactsFromNotice: Boolean
      }
      extend type Query {
        "类别：kind: \\"category\\"；某类别的单位：kind: \\"reviewer\\", category / categories, or the units of one category"
        organisations(kind: String, category: String, programmeId: String): [Organisation!]!
        organisation(id: ID!): Organisation
      }
      extend type Mutation {
        createUnit(input: UnitInput!): Organisation!
        updateUnit(id: ID!, input: UnitPatch!): Organisation!
      }
    `,
    resolvers: {
      Query: {
        async organisations(_parent: unknown, args: { kind?: string | null; category?: string | null; programmeId?: string | null }, ctx: RequestContext) {
          const user = await guards.requireUser(ctx);
          const kind = checkKind(args.kind);
          // Applicant organisations are private to administrators; units and categories are what forms offer.
          if ((kind === undefined || kind === 'applicant') && !hasRole(user, 'platform_admin')) {
            if (kind === 'applicant') throw new AppError('SB_ERR_FORBIDDEN');
            const rows = await organisations.list({ category: args.category ?? undefined, programmeId: args.programmeId ?? undefined });
            return rows.filter((r) => r.kind !== 'applicant').map(toView);
          }
          const rows = await organisations.list({ kind, category: args.category ?? undefined, programmeId: args.programmeId ?? undefined });
          return rows.map(toView);
        },
        async organisation(_parent: unknown, args: { id: string }, ctx: RequestContext) {
          const user = await guards.requireUser(ctx);
          const row = await organisations.get(args.id);
          if (!row) return null;
          const own = user.grants.some((g) => g.organisationId === row.id);
          if (row.kind === 'applicant' && !own && !hasRole(user, 'platform_admin')) return null;
          return toView(row);
        },
      },
      Mutation: {
        async createUnit(_parent: unknown, args: { input: UnitInput }, ctx: RequestContext) {
          const admin = await guards.requirePlatformAdmin(ctx);
          const name = unitName(args.input.name);
          const place = await placement(organisations, args.input);
          const row = await organisations.create({ id: args.input.id ?? undefined, name, kind: 'reviewer', ...place }, admin.id);
          return toView(row);
        },
        async updateUnit(_parent: unknown, args: { id: string; input: UnitPatch }, ctx: RequestContext) {
          const admin = await guards.requirePlatformAdmin(ctx);
          const { input } = args;
          const existing = await organisations.get(args.id);
          if (!existing || existing.kind !== 'reviewer') throw new AppError('SB_ERR_NOT_FOUND', { what: `审核单位 ${args.id}` });
          if (input.contacts && input.contactsFromNotice) {
            throw new AppError('SB_ERR_VALIDATION', {}, { fields: { '/contactsFromNotice': [{ zh: '不能同时修改联系人又恢复为通知所列', en: 'Either set the contacts or go back to the notice\'s, not both' }] } });
          }
          const patch: Parameters<OrganisationsService['update']>[1] = {};
          // What the administrator changes on a unit a programme declares outlives the next version of that programme.
          const overrides: UnitOverrides = { ...overridesOf(existing) };
          const fromProgramme = existing.sourceProgramme !== null;
          if (input.name !== undefined && input.name !== null) {
            const name = unitName(input.name);
            patch.name = name;
            if (fromProgramme && name !== existing.name) overrides.name = name;
          }
          if (input.category !== undefined || input.parentId !== undefined) {
            const place = await placement(organisations, input);
            Object.assign(patch, place);
            if (fromProgramme && place.category !== null && place.category !== existing.category) overrides.category = place.category;
          }
          if (input.contacts) overrides.contacts = checkUnitContacts(input.contacts);
          if (input.contactsFromNotice) delete overrides.contacts;
          patch.attributes = { ...patch.attributes, overrides };
          return toView(await organisations.update(args.id, patch, admin.id));
        },
      },
    },
  };
}
