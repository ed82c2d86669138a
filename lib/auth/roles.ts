import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/admin/access";

// Two roles. admin manages users and reprocesses callbacks; viewer reads and exports.
// Impersonation is deliberately granted to nobody: every action stays the signed-in person's own.

export const staffRoles = ["admin", "viewer"] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staffRoleLabels: Record<StaffRole, string> = {
  admin: "관리자",
  viewer: "조회 전용",
};

const accessControl = createAccessControl(defaultStatements);

export const accessRoles = {
  admin: accessControl.newRole({
    user: ["create", "list", "set-role", "ban", "delete", "set-password", "get", "update"],
    session: ["list", "revoke", "delete"],
  }),
  viewer: accessControl.newRole({ user: [], session: [] }),
};

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === "string" && (staffRoles as readonly string[]).includes(value);
}
