import { type CliIo } from "../../src/cli/io.js";

/** An in-memory CliIo: captured output, a virtual file system and a fixed stdin. */
export function memoryIo(files: Record<string, string> = {}, stdin = ""): CliIo & { out: string; err: string; files: Record<string, string> } {
  const io = {
    out: "",
    err: "",
    files: { ...files },
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    readStdin: async () => stdin,
    readFile: async (path: string) => {
      const text = io.files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return text;
    },
    writeFile: async (path: string, text: string) => {
      io.files[path] = text;
    },
  };
  return io;
}
