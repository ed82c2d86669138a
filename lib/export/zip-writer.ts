import { once } from "node:events";
import { crc32, createDeflateRaw, type DeflateRaw } from "node:zlib";
import { kstWallClock } from "@/lib/kst";

// A zip archive written as it goes, for files too big to hold: each entry is deflated by node's
// zlib (on its thread pool, beside the JavaScript that makes the next rows) and its bytes are
// handed out as soon as they exist. An entry's write() waits for zlib to take the bytes, so the
// memory held is one write's worth however long the archive. Sizes and CRC follow each entry in a
// data descriptor (the sizes are not known when its header goes out), so nothing is seeked back to.
// No zip64: an archive or entry past 4 GiB is refused rather than written wrong.

const zip32Limit = 0xffffffff;
// Bit 3: sizes and CRC in a data descriptor after the data; bit 11: names are UTF-8.
const entryFlags = 0x0808;
const deflated = 8;
const versionNeeded = 20;

export interface ZipEntry {
  write(bytes: Uint8Array): Promise<void>;
  end(): Promise<void>;
}

export interface ZipWriter {
  /** Starts the next entry; the previous one must have ended. */
  entry(name: string): ZipEntry;
  /** The archive's bytes produced since the last take(). */
  take(): Buffer;
  /** Writes the central directory; answers the archive's remaining bytes. */
  finish(): Buffer;
  /** Drops an archive that will not be finished. */
  abort(): void;
}

interface CentralRecord {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

// DOS date and time of the archive's writing, a wall clock without zone: Korea's, as the staff who
// download the file read it (unzip and file managers show it; nothing depends on it).
function dosDateTime(now: Date): { time: number; date: number } {
  const wall = kstWallClock(now);
  return {
    time: (wall.getUTCHours() << 11) | (wall.getUTCMinutes() << 5) | Math.floor(wall.getUTCSeconds() / 2),
    date: ((wall.getUTCFullYear() - 1980) << 9) | ((wall.getUTCMonth() + 1) << 5) | wall.getUTCDate(),
  };
}

function checkZip32(what: string, value: number): number {
  if (value > zip32Limit) throw new Error(`zip: ${what} passes 4 GiB (${value} bytes); this writer has no zip64`);
  return value;
}

export function zipWriter(options: { level?: number; now?: Date } = {}): ZipWriter {
  const { time, date } = dosDateTime(options.now ?? new Date());
  const ready: Buffer[] = [];
  const central: CentralRecord[] = [];
  let offset = 0;
  let open: DeflateRaw | null = null;

  function emit(bytes: Buffer) {
    ready.push(bytes);
    offset += bytes.length;
  }

  // The fields a local header and a central directory header share, in the same order: the
  // version needed to extract, flags, method, time and date, from `at`.
  function writeEntryFields(header: Buffer, at: number) {
    [versionNeeded, entryFlags, deflated, time, date].forEach((value, index) => {
      header.writeUInt16LE(value, at + 2 * index);
    });
  }

  function localHeader(name: Buffer): Buffer {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(header, 4);
    // CRC and sizes (14–25) stay zero: the data descriptor carries them.
    header.writeUInt16LE(name.length, 26);
    return Buffer.concat([header, name]);
  }

  function dataDescriptor(record: CentralRecord): Buffer {
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(record.crc, 4);
    descriptor.writeUInt32LE(record.compressedSize, 8);
    descriptor.writeUInt32LE(record.size, 12);
    return descriptor;
  }

  function centralHeader(record: CentralRecord): Buffer {
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(versionNeeded, 4); // version made by
    writeEntryFields(header, 6);
    header.writeUInt32LE(record.crc, 16);
    header.writeUInt32LE(record.compressedSize, 20);
    header.writeUInt32LE(record.size, 24);
    header.writeUInt16LE(record.name.length, 28);
    header.writeUInt32LE(record.offset, 42);
    return Buffer.concat([header, record.name]);
  }

  return {
    entry(name) {
      if (open) throw new Error("zip: the previous entry has not ended");
      const record: CentralRecord = {
        name: Buffer.from(name, "utf8"),
        crc: 0,
        compressedSize: 0,
        size: 0,
        offset: checkZip32("the archive", offset),
      };
      emit(localHeader(record.name));
      const deflate = createDeflateRaw({ level: options.level ?? 6, chunkSize: 64 * 1024 });
      open = deflate;
      deflate.on("data", (chunk: Buffer) => {
        record.compressedSize += chunk.length;
        emit(chunk);
      });
      const ended = once(deflate, "end");
      // A destroyed (aborted) entry rejects its waits; the download has failed already.
      ended.catch(() => undefined);
      return {
        async write(bytes) {
          if (bytes.length === 0) return;
          record.crc = crc32(bytes, record.crc);
          record.size = checkZip32(`entry ${name}`, record.size + bytes.length);
          if (!deflate.write(bytes)) await once(deflate, "drain");
        },
        async end() {
          deflate.end();
          await ended;
          open = null;
          checkZip32(`entry ${name}`, record.compressedSize);
          emit(dataDescriptor(record));
          central.push(record);
        },
      };
    },
    take() {
      const bytes = Buffer.concat(ready);
      ready.length = 0;
      return bytes;
    },
    finish() {
      if (open) throw new Error("zip: an entry has not ended");
      const directoryOffset = checkZip32("the archive", offset);
      for (const record of central) emit(centralHeader(record));
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(central.length, 8);
      end.writeUInt16LE(central.length, 10);
      end.writeUInt32LE(checkZip32("the archive", offset - directoryOffset), 12);
      end.writeUInt32LE(directoryOffset, 16);
      emit(end);
      return this.take();
    },
    abort() {
      // With an error, so a write() or end() still waiting on zlib rejects instead of hanging.
      open?.destroy(new Error("zip: the archive was aborted"));
      open = null;
      ready.length = 0;
    },
  };
}
