import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  varchar,
} from "drizzle-orm/pg-core";

// Staff accounts and their sessions. The first five tables are Better Auth's models (user,
// session, account, verification, rateLimit) with its admin plugin's fields; lib/auth/server.ts
// maps them by these TypeScript keys. Table names carry an auth_ prefix: "user" is reserved in
// SQL and "accounts" would read like bank accounts next to the payment tables.

const timestamptz = () => timestamp({ withTimezone: true });

export const authUsers = pgTable("auth_users", {
  id: text().primaryKey(),
  name: text().notNull(),
  // Better Auth stores it lower-cased, so the unique key is case-insensitive in effect.
  email: text().notNull().unique(),
  emailVerified: boolean().notNull().default(false),
  image: text(),
  // admin plugin: "admin" or "viewer" (lib/auth/roles.ts); banned is how a user is disabled.
  role: text().notNull().default("viewer"),
  banned: boolean().notNull().default(false),
  banReason: text(),
  banExpires: timestamptz(),
  createdAt: timestamptz().notNull().defaultNow(),
  updatedAt: timestamptz().notNull().defaultNow(),
});

export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text().primaryKey(),
    // Random; the cookie carries it signed with the secret, and only a matching row makes it valid.
    token: text().notNull().unique(),
    userId: text()
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    expiresAt: timestamptz().notNull(),
    ipAddress: text(),
    userAgent: text(),
    impersonatedBy: text(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

export const authAccounts = pgTable(
  "auth_accounts",
  {
    id: text().primaryKey(),
    // For email/password sign-in: providerId "credential", accountId = the user's id.
    accountId: text().notNull(),
    providerId: text().notNull(),
    userId: text()
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    // scrypt hash written by Better Auth; never the password.
    password: text(),
    accessToken: text(),
    refreshToken: text(),
    idToken: text(),
    accessTokenExpiresAt: timestamptz(),
    refreshTokenExpiresAt: timestamptz(),
    scope: text(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [index("auth_accounts_user_idx").on(t.userId)],
);

export const authVerifications = pgTable(
  "auth_verifications",
  {
    id: text().primaryKey(),
    identifier: text().notNull(),
    value: text().notNull(),
    expiresAt: timestamptz().notNull(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [index("auth_verifications_identifier_idx").on(t.identifier)],
);

// Better Auth's per-IP request counters, in the database so that every server instance (Vercel
// runs several) counts against the same limit.
export const authRateLimits = pgTable("auth_rate_limits", {
  id: text().primaryKey(),
  key: text().notNull().unique(),
  count: integer().notNull(),
  lastRequest: bigint({ mode: "number" }).notNull(),
});

// Failed sign-ins per (email address, client): lib/auth/throttle.ts. The email is kept as typed
// (lower-cased), whether or not an account has it, so that a delay says nothing about which
// addresses exist. The client is the trusted client address (an IPv6 client by its /64). A row
// slows that one client for that one account; failures from elsewhere never lock anyone out.
export const authSignInThrottle = pgTable(
  "auth_sign_in_throttle",
  {
    email: text().notNull(),
    client: varchar({ length: 64 }).notNull(),
    failures: integer().notNull(),
    lastFailureAt: timestamptz().notNull(),
    // No attempt for this account from this client before this instant.
    retryAt: timestamptz().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.email, t.client] }),
    index("auth_sign_in_throttle_client_idx").on(t.client, t.lastFailureAt),
    index("auth_sign_in_throttle_last_failure_idx").on(t.lastFailureAt),
  ],
);

// One-time codes that let the first administrator be created through the web on a deployed server
// (lib/auth/setup-code.ts). Only a SHA-256 of each code is kept; every server instance that starts
// on a database without accounts adds its own and prints it in its log. All are deleted when the
// first account exists.
export const authSetupCodes = pgTable("auth_setup_codes", {
  codeHash: text().primaryKey(),
  createdAt: timestamptz().notNull().defaultNow(),
  expiresAt: timestamptz().notNull(),
});

// At most one row, written in the same transaction as the first account: the login page's
// first-administrator form works while this is empty and no account exists, and never again.
export const authSetup = pgTable(
  "auth_setup",
  {
    id: smallint().primaryKey().default(1),
    firstUserId: text(),
    completedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [check("auth_setup_single_row", sql`${t.id} = 1`)],
);

export type AuthUser = typeof authUsers.$inferSelect;
export type AuthSession = typeof authSessions.$inferSelect;
