import type { AppModule } from './graphql/module.ts';
import { healthModule } from './health/health.module.ts';
import { authModule } from './auth/auth.module.ts';
import { accountsModule } from './accounts/accounts.module.ts';
import { organisationsModule } from './organisations/organisations.module.ts';
import { auditModule } from './audit/audit.module.ts';
import { filesModule } from './files/files.module.ts';
import { webModule } from './web/web.module.ts';
import { programmesModule } from './programmes/programmes.module.ts';
import { applicationsModule } from './applications/applications.module.ts';
import { programmeAdminModule } from './programmes/admin.module.ts';
import { exportsModule } from './exports/exports.module.ts';
import { printsModule } from './prints/prints.module.ts';

/**
 * Every API module, in the order their routes are registered. The auth module comes first: it installs the session
 * hook; the web module comes last: it serves the SPA for every GET no other route answers.
 */
export const appModules: AppModule[] = [authModule, healthModule, accountsModule, organisationsModule, auditModule, filesModule, programmesModule, applicationsModule, printsModule, programmeAdminModule, exportsModule, webModule];
