import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="불러오는 중">
      <Skeleton className="mb-6 h-7 w-40" />
      <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
        {["N", "W", "P", "R", "S", "O"].map((status) => (
          <Skeleton key={status} className="h-24" />
        ))}
      </div>
      <div className="mb-4 grid gap-3 sm:grid-cols-3">
        <Skeleton className="h-24" />
        <Skeleton className="h-24" />
        <Skeleton className="h-24" />
      </div>
      <Skeleton className="h-72" />
    </div>
  );
}
