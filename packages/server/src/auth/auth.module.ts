import type { FastifyBaseLogger } from 'fastify';
import type { AppModule, RequestContext } from '../graphql/module.ts';
import { AppError } from '../errors.ts';
import type { Config } from '../config.ts';
import type { Guards } from '../access/guards.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { isMobile, maskMobile, normaliseMobile } from '../accounts/mobile.ts';
import type { CodePurpose, VerificationCodeService } from '../sms/verification-codes.service.ts';
import { toOrganisationView } from '../organisations/organisation-view.ts';
import type { AuthService } from './auth.service.ts';
import type { RegisterInput, RegistrationService } from './registration.service.ts';
import type { SessionService } from './session.service.ts';
import { toMe, type MeView } from './me.ts';
import { Housekeeping } from './housekeeping.ts';
import { installPasswordChangeGate } from './password-change-gate.ts';
import { clearSessionCookie, installSessionHook, setSessionCookie } from './request-session.ts';
import { hashSessionToken, sessionCookieName } from './session-token.ts';

export interface AuthModuleDeps {
  config: Pick<Config, 'env' | 'cookieSecure' | 'sessionAbsoluteHours'>;
  logger: FastifyBaseLogger;
  guards: Guards;
  audit: Pick<AuditService, 'record'>;
  accounts: Pick<AccountsService, 'primaryOrganisation' | 'grantsOf'>;
  auth: AuthService;
  sessions: SessionService;
  registration: RegistrationService;
  verificationCodes: VerificationCodeService;
}

/** Purposes a code can be requested for over the API (password reset has no flow yet). */
const requestablePurposes: CodePurpose[] = ['register'];

export function createAuthModule(deps: AuthModuleDeps): AppModule {
  const { config, logger, guards, audit, accounts, auth, sessions, registration, verificationCodes } = deps;
  return {
    name: 'auth',
    typeDefs: /* GraphQL */ `
      "当前登录用户 / The signed-in user"
      type Me {
        id: ID!
        mobile: String!
        name: String!
        "须先修改初始密码 / must change the initial password before anything else"
        mustChangePassword: Boolean!
        grants: [RoleGrant!]!
        organisation: Organisation
      }
      type RoleGrant {
        "platform_admin | programme_admin | applicant | reviewer"
        role: String!
        organisationId: String
        programmeId: String
      }
      type VerificationCodeSent {
        "脱敏手机号 / masked number the code went to"
        sentTo: String!
        expiresInSeconds: Int!
        resendAfterSeconds: Int!
      }
      input RegisterInput {
        mobile: String!
        code: String!
        password: String!
        name: String!
        organisationName: String!
        "统一社会信用代码（可选）/ unified social credit code (optional)"
        uscc: String
      }
      extend type Query {
        "未登录或登录已过期时为 null / null when anonymous"
        me: Me
      }
      extend type Mutation {
        login(mobile: String!, password: String!): Me!
        logout: Boolean!
        changePassword(oldPassword: String!, newPassword: String!): Boolean!
        requestVerificationCode(mobile: String!, purpose: String!): VerificationCodeSent!
        register(input: RegisterInput!): Me!
      }
    `,
    resolvers: {
      Query: {
        me: (_parent: unknown, _args: unknown, ctx: RequestContext) => (ctx.user ? toMe(ctx.user, ctx.user.grants) : null),
      },
      Me: {
        organisation: async (me: MeView) => {
          const organisation = await accounts.primaryOrganisation(me.rawGrants);
          return organisation ? toOrganisationView(organisation) : null;
        },
      },
      Mutation: {
        async login(_parent: unknown, args: { mobile: string; password: string }, ctx: RequestContext) {
          const { request, reply } = ctx;
          const { user, token } = await auth.login({
            mobile: args.mobile,
            password: args.password,
            previousToken: request.cookies?.[sessionCookieName],
            ip: request.ip,
            userAgent: request.headers['user-agent'],
          });
          setSessionCookie(reply, token, config);
          return toMe(user, await accounts.grantsOf(user.id));
        },

        async logout(_parent: unknown, _args: unknown, ctx: RequestContext) {
          clearSessionCookie(ctx.reply, config);
          if (!ctx.user) return false;
          await auth.logout(ctx.user.sessionIdHash, ctx.user.id, ctx.request.ip);
          return true;
        },

        async changePassword(_parent: unknown, args: { oldPassword: string; newPassword: string }, ctx: RequestContext) {
          const user = await guards.requireUser(ctx, { allowPendingPasswordChange: true });
          await auth.changePassword({ userId: user.id, sessionIdHash: user.sessionIdHash, oldPassword: args.oldPassword, newPassword: args.newPassword, ip: ctx.request.ip });
          return true;
        },

        async requestVerificationCode(_parent: unknown, args: { mobile: string; purpose: string }, ctx: RequestContext) {
          const mobile = normaliseMobile(args.mobile);
          const fields: Record<string, { zh: string; en: string }[]> = {};
          if (!isMobile(mobile)) fields['/mobile'] = [{ zh: '请输入11位手机号', en: 'Enter an 11-digit mainland China mobile number' }];
          if (!requestablePurposes.includes(args.purpose as CodePurpose)) fields['/purpose'] = [{ zh: '不支持的验证码用途', en: 'Unsupported code purpose' }];
          if (Object.keys(fields).length > 0) throw new AppError('SB_ERR_VALIDATION', {}, { fields });
          // The client address (X-Forwarded-For only with TRUST_PROXY) counts towards the per-address limits.
          const sent = await verificationCodes.send(mobile, args.purpose as CodePurpose, { ip: ctx.request.ip });
          return { sentTo: maskMobile(mobile), ...sent };
        },

        async register(_parent: unknown, args: { input: RegisterInput }, ctx: RequestContext) {
          const { request, reply } = ctx;
          const { user, token } = await registration.register(args.input, { ip: request.ip, userAgent: request.headers['user-agent'] });
          const previous = request.cookies?.[sessionCookieName];
          if (previous) await sessions.end(hashSessionToken(previous));
          setSessionCookie(reply, token, config);
          return toMe(user, await accounts.grantsOf(user.id));
        },
      },
    },
    routes(app) {
      installSessionHook(app, sessions);
      installPasswordChangeGate(app, audit);
      // Tests purge with a fake clock through Housekeeping.runOnce() instead.
      if (config.env === 'test') return;
      const housekeeping = new Housekeeping(sessions, verificationCodes, auth, logger);
      housekeeping.start();
      app.addHook('onClose', async () => housekeeping.stop());
    },
  };
}
