/**
 * A small, real file system that fills up: a tmpfs of a given size, mounted
 * on a temporary folder. Mounting needs root with CAP_SYS_ADMIN; where it is
 * not allowed (most CI containers), `mountSmallDisk` says why instead.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type SmallDisk = { mounted: true; path: string } | { mounted: false; reason: string };

/** Mounts a tmpfs of `bytes` (rounded up to pages) on the existing folder `path`. */
export async function mountSmallDisk(path: string, bytes: number): Promise<SmallDisk> {
  if (process.platform !== 'linux') return { mounted: false, reason: 'tmpfs needs Linux' };
  if (process.getuid?.() !== 0) return { mounted: false, reason: 'mounting needs root' };
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', path]);
    return { mounted: true, path };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return { mounted: false, reason: `mount -t tmpfs failed: ${stderr || String(error)}` };
  }
}

/** Unmounts a disk from `mountSmallDisk` (lazily if it is still busy). */
export async function unmountSmallDisk(disk: SmallDisk | undefined): Promise<void> {
  if (!disk?.mounted) return;
  await run('umount', [disk.path]).catch(() => run('umount', ['-l', disk.path]));
}
