import { generateId } from "better-auth";
import { hashPassword } from "better-auth/crypto";
import { count } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db";
import { authAccounts, authSetup, authSetupCodes, authUsers } from "@/db/auth-schema";
import { passwordRules } from "./password-rules";
import { type StaffRole, staffRoles } from "./roles";

// Creating accounts: from `npm run user:create`, from the admin's users page, and once, on an
// empty database, from the login page's first-administrator form. All three go through
// createStaffUser, which writes the user and its password in one transaction with the
// auth_setup guard row (and deletes any setup codes), so the first-administrator form can
// succeed exactly once.

export const newStaffSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "올바른 이메일 주소를 입력하세요." }).max(254)),
  password: z
    .string()
    .min(passwordRules.min, { message: `비밀번호는 ${passwordRules.min}자 이상이어야 합니다.` })
    .max(passwordRules.max, { message: `비밀번호는 ${passwordRules.max}자 이하여야 합니다.` }),
  name: z
    .string()
    .trim()
    .max(100, { message: "이름은 100자 이하여야 합니다." })
    .optional()
    .transform((value) => value || undefined),
  role: z.enum(staffRoles).default("viewer"),
});

export type NewStaff = z.input<typeof newStaffSchema>;

export type CreateStaffOutcome =
  | { status: "created"; user: { id: string; email: string; name: string; role: StaffRole } }
  | { status: "email-taken" }
  | { status: "setup-closed" };

class SetupClosed extends Error {}

function isUniqueViolation(error: unknown): boolean {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: string }).code === "23505") return true;
  }
  return false;
}

export async function createStaffUser(
  db: Database,
  input: NewStaff,
  options: { firstAdmin?: boolean } = {},
): Promise<CreateStaffOutcome> {
  const staff = newStaffSchema.parse(input);
  // Better Auth's own hash (scrypt) and ids, without building an auth instance: the CLI needs no
  // secret. Hashed before the transaction: scrypt takes ~100 ms and need not hold the lock.
  const passwordHash = await hashPassword(staff.password);
  const userId = generateId();
  const accountId = generateId();
  const role: StaffRole = options.firstAdmin ? "admin" : staff.role;
  const name = staff.name ?? staff.email.split("@")[0];

  try {
    await db.transaction(async (tx) => {
      // The guard row comes first: a concurrent first-administrator attempt waits here on the
      // primary key until this transaction ends, then finds the row and gives up.
      const guard = await tx
        .insert(authSetup)
        .values({ id: 1, firstUserId: userId })
        .onConflictDoNothing()
        .returning({ id: authSetup.id });
      if (options.firstAdmin) {
        const [{ users }] = await tx.select({ users: count() }).from(authUsers);
        if (guard.length === 0 || users > 0) throw new SetupClosed();
      }
      await tx.insert(authUsers).values({ id: userId, email: staff.email, name, role, emailVerified: true });
      await tx
        .insert(authAccounts)
        .values({ id: accountId, accountId: userId, providerId: "credential", userId, password: passwordHash });
      // Setup codes (lib/auth/setup-code.ts) are for the first account only, however it was made.
      await tx.delete(authSetupCodes);
    });
  } catch (error) {
    if (error instanceof SetupClosed) return { status: "setup-closed" };
    if (isUniqueViolation(error)) return { status: "email-taken" };
    throw error;
  }
  return { status: "created", user: { id: userId, email: staff.email, name, role } };
}

// True only on a database where no account has ever been created through createStaffUser and
// none exists now. The form's action checks again inside its transaction (createStaffUser).
export async function isFirstAdminSetupOpen(db: Database): Promise<boolean> {
  const [setup] = await db.select({ id: authSetup.id }).from(authSetup).limit(1);
  if (setup) return false;
  const [anyUser] = await db.select({ id: authUsers.id }).from(authUsers).limit(1);
  return !anyUser;
}

export async function listStaffUsers(db: Database) {
  return db
    .select({
      id: authUsers.id,
      email: authUsers.email,
      name: authUsers.name,
      role: authUsers.role,
      banned: authUsers.banned,
      createdAt: authUsers.createdAt,
    })
    .from(authUsers)
    .orderBy(authUsers.createdAt, authUsers.id);
}
