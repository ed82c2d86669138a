import { RecordNotFound } from "@/components/ui/record-not-found";

export default function CallbackNotFound() {
  return <RecordNotFound what="이 수신 기록" href="/callbacks" list="콜백 수신 기록" />;
}
