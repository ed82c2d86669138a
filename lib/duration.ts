// How long something has waited, or how long is left, in Korean: "3일 4시간", "5시간 12분", "12분".

const MINUTE_MS = 60_000;

export function durationText(milliseconds: number): string {
  const minutes = Math.floor(Math.abs(milliseconds) / MINUTE_MS);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days > 0) return hours % 24 > 0 ? `${days}일 ${hours % 24}시간` : `${days}일`;
  if (hours > 0) return minutes % 60 > 0 ? `${hours}시간 ${minutes % 60}분` : `${hours}시간`;
  return minutes > 0 ? `${minutes}분` : "1분 미만";
}
