// Placeholder replaced once the job lands.
export function ReconcileNow({ isAdmin }: { isAdmin: boolean }) {
  return isAdmin ? null : null;
}
