/**
 * What the page did with URL parameters: those it could not use (`notes`), and those it put right
 * and used (`corrections`, such as a reversed date range), which are not "unused" and say so.
 */
export function Notices({ notes, corrections = [] }: { notes: string[]; corrections?: string[] }) {
  if (notes.length === 0 && corrections.length === 0) return null;
  return (
    <div role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      {notes.length > 0 ? (
        <>
          <p className="font-medium">주소의 일부 조건을 사용하지 않았습니다.</p>
          <ul className="mt-1 mb-1 list-disc pl-5">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      ) : null}
      {corrections.map((correction) => (
        <p key={correction}>{correction}</p>
      ))}
    </div>
  );
}
