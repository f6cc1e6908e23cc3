import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { lstat, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { allocateCommand, rankCommand } from "./commands/allocate.js";
import { demoCommand } from "./commands/demo.js";
import { reportCommand } from "./commands/report.js";
import { explainCommand } from "./commands/explain.js";
import { verifyCommand } from "./commands/verify.js";
import { schemaCommand } from "./commands/schema.js";
import { USAGE } from "./commands/usage.js";
import { DetailSchema } from "../model/result.js";
import { startInputHash } from "./input-hash.js";
import { readInHalves } from "./split-read.js";
import { type CliIo, EXIT, type ExitCode, internalIssue, toJson } from "./io.js";
import { EXAMPLE_BATCH, packageFile } from "./paths.js";

/** A file's bytes in chunks of a megabyte, opened on the first read (an open that fails rejects that read). */
async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  yield* createReadStream(path, { highWaterMark: 1 << 20 });
}

/** Bytes of result lines gathered before one write to the output stream. */
const WRITE_CHUNK = 1 << 20;

/** The process's streams and file system. */
export const nodeIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString("utf8");
  },
  readFile: (path) => readFile(path, "utf8"),
  readBytes: async (path) => {
    const size = await stat(path).then((s) => (s.isFile() ? s.size : undefined), () => undefined);
    // The file is opened when its bytes are first asked for, so a caller that only needs the size opens nothing.
    return size === undefined ? undefined : { size, chunks: fileChunks(path) };
  },
  writeFile: (path, text) => writeFile(path, text, "utf8"),
  readLines: async function* (source) {
    const input = source === "-" ? process.stdin : createReadStream(source, { encoding: "utf8" });
    // readline does not surface an unreadable file; wait for the file to open (or fail) first.
    if (source !== "-") await once(input, "open");
    yield* createInterface({ input, crlfDelay: Infinity });
  },
  openWriter: (path) => {
    const stream = path === undefined ? process.stdout : createWriteStream(path, { encoding: "utf8" });
    // Lines are encoded into buffers of 1 MB, each written once it is full: one stream write per line costs more than
    // building the line, and a line encoded at once is garbage before the next collection (none survives to be copied).
    let chunk = Buffer.allocUnsafe(WRITE_CHUNK);
    let used = 0;
    // A stream's error (a file that cannot be opened, a full disk) may come while nothing waits on it: it is kept, and
    // every later write, wait and close fails with it, so the command ends with it instead of waiting for ever.
    let failure: Error | undefined;
    stream.on("error", (error: Error) => {
      failure ??= error;
    });
    // `once` rejects on an error that comes while it waits for the drain.
    const send = (data: Buffer | string): Promise<void> | undefined => {
      if (failure) return Promise.reject(failure);
      return stream.write(data) ? undefined : once(stream, "drain").then(() => undefined);
    };
    const flush = (): Promise<void> | undefined => {
      if (used === 0) return undefined;
      const full = chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(WRITE_CHUNK);
      used = 0;
      return send(full);
    };
    /** Writes the gathered lines, then `next` (something written on its own). */
    const flushThen = (next: () => Promise<void> | undefined): Promise<void> | undefined => {
      const pending = flush();
      return pending ? pending.then(next) : next();
    };
    return {
      write: (line) => {
        // A UTF-16 code unit takes at most 3 bytes in UTF-8; a line that might not fit in an empty chunk goes alone.
        const most = 3 * line.length + 1;
        if (most > WRITE_CHUNK) return flushThen(() => send(`${line}\n`));
        const pending = used + most > WRITE_CHUNK ? flush() : undefined;
        used += chunk.write(line, used, "utf8");
        chunk[used++] = 0x0a;
        return pending;
      },
      // Settles when the stream has handed the bytes to the file, so that the caller may reuse their buffer.
      writeBytes: (bytes) => {
        const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        return flushThen(() => (failure ? Promise.reject(failure) : new Promise((resolve, reject) => void stream.write(data, (error) => (error ? reject(error) : resolve())))));
      },
      close: async () => {
        await flush();
        if (failure) throw failure;
        if (path !== undefined) await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      },
      abort: async () => {
        if (path === undefined) return;
        if (!stream.closed) {
          await new Promise<void>((resolve) => {
            stream.once("close", () => resolve());
            stream.destroy();
          });
        }
        // Only a regular file is removed: never a device such as /dev/null, nor what a symbolic link points at.
        const kind = await lstat(path).catch(() => undefined);
        if (kind?.isFile()) await unlink(path).catch(() => undefined);
      },
    };
  },
  progress: (text) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\u001b[2K${text}`);
  },
  hashInput: (source, format) => startInputHash(source, format),
  readInHalves: (source, progress) => (source === "-" ? Promise.resolve(undefined) : readInHalves(source, progress)),
};

const OPTIONS = {
  out: { type: "string", short: "o" },
  detail: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

function usageError(message: string, io: CliIo): ExitCode {
  io.stderr(`bostad-forst: ${message}\n\n${USAGE}`);
  return EXIT.invalid;
}

/**
 * Runs one CLI invocation (argv without node and script) and returns its exit code.
 * Never throws: an unexpected exception is an `internal_error` issue on stdout and exit 1.
 */
export async function run(argv: readonly string[], io: CliIo = nodeIo): Promise<ExitCode> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.stdout(toJson({ ok: false, issues: [internalIssue()] }));
    io.stderr(`bostad-forst: internt fel / internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.internal;
  }
}

/** Commands that parse their own options (everything after the command name is theirs). */
const OWN_OPTIONS: Readonly<Record<string, (argv: readonly string[], io: CliIo) => Promise<ExitCode>>> = {
  explain: explainCommand,
  verify: verifyCommand,
  report: reportCommand,
};

async function dispatch(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [first, ...after] = argv;
  const own = first !== undefined && Object.hasOwn(OWN_OPTIONS, first) ? OWN_OPTIONS[first] : undefined;
  if (own) {
    if (after.includes("--help") || after.includes("-h")) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    return own(after, io);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error), io);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help === true) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (values.version === true) {
    const pkg = JSON.parse(await io.readFile(packageFile("package.json"))) as { version?: unknown };
    io.stdout(`bostad-forst ${String(pkg.version)}\n`);
    return EXIT.ok;
  }
  if (command === undefined) return usageError("ange ett kommando / give a command", io);
  if (values.out !== undefined && command !== "allocate") return usageError(`--out gäller bara / only applies to allocate`, io);
  if (values.detail !== undefined && command !== "allocate") return usageError(`--detail gäller bara / only applies to allocate`, io);
  const detail = DetailSchema.safeParse(values.detail ?? "full");
  if (!detail.success) return usageError(`--detail ska vara / must be ${DetailSchema.options.join(" | ")} (fick / got "${String(values.detail)}")`, io);

  switch (command) {
    case "allocate": {
      const [source, ...extra] = rest;
      if (source === undefined) return usageError("allocate behöver en fil eller - / allocate needs a file or -", io);
      if (extra.length > 0) return usageError(`för många argument / too many arguments: ${extra.join(" ")}`, io);
      return allocateCommand(source, values.out, io, detail.data);
    }
    case "rank": {
      const [source, ...extra] = rest;
      if (source === undefined) return usageError("rank behöver en fil eller - / rank needs a file or -", io);
      if (extra.length > 0) return usageError(`för många argument / too many arguments: ${extra.join(" ")}`, io);
      return rankCommand(source, io);
    }
    case "schema": {
      if (rest.length > 1) return usageError(`för många argument / too many arguments: ${rest.slice(1).join(" ")}`, io);
      return schemaCommand(rest[0], io);
    }
    case "demo": {
      if (rest.length > 0) return usageError(`demo tar inga argument / demo takes no arguments`, io);
      return demoCommand(io, packageFile(EXAMPLE_BATCH));
    }
    default:
      return usageError(`okänt kommando / unknown command "${command}"`, io);
  }
}
