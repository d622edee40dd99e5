/* spawncheck-binfmt — runs a command in a private user and mount namespace
 * whose own binfmt_misc instance hands ELF files of one foreign architecture
 * to qemu-user. The emulated agent can then exec the probe built for its own
 * architecture, as on a real machine of that architecture, and nothing
 * outside the namespace sees the registration (binfmt_misc instances are per
 * user namespace since Linux 6.7).
 *
 *   spawncheck-binfmt [--check] INTERPRETER LIKE-ELF [COMMAND [ARG...]]
 *
 * LIKE-ELF is any executable of the architecture (the target's probe): its
 * header gives the class, byte order and machine to match. --check only
 * sets up and registers, then exits 0: whether this mode works here.
 * Errors: one line naming the call and the errno, exit 125. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

enum { kHeader = 20, kFailed = 125 };

static int fail(const char *call, const char *what) {
  const char *name = strerrorname_np(errno);
  fprintf(stderr, "spawncheck-binfmt: %s(%s): %s\n", call, what, name ? name : "?");
  return kFailed;
}

static int write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return fail("open", path);
  ssize_t n = write(fd, text, strlen(text));
  int saved = errno;
  close(fd);
  errno = saved;
  if (n != (ssize_t)strlen(text)) return fail("write", path);
  return 0;
}

/* Appends each byte as \xHH, the register file's escape. */
static char *hex(char *out, const unsigned char *bytes, size_t n) {
  for (size_t i = 0; i < n; ++i) out += sprintf(out, "\\x%02x", bytes[i]);
  return out;
}

/* The magic and mask of LIKE-ELF's architecture: e_ident but the OS ABI
 * byte, e_type EXEC or DYN (static-pie), and e_machine. */
static int registration(char *out, size_t size, const char *interpreter, const char *like) {
  unsigned char magic[kHeader], mask[kHeader];
  int fd = open(like, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail("open", like);
  ssize_t n = read(fd, magic, sizeof magic);
  close(fd);
  if (n != kHeader || memcmp(magic, "\177ELF", 4) != 0) {
    fprintf(stderr, "spawncheck-binfmt: %s: not an ELF file\n", like);
    return kFailed;
  }
  memset(mask, 0xff, sizeof mask);
  mask[7] = 0;
  const int little = magic[5] == 1;
  magic[16] = little ? 2 : 0;
  magic[17] = little ? 0 : 2;
  mask[little ? 16 : 17] = 0xfe;
  char m[4 * kHeader + 1], k[4 * kHeader + 1];
  hex(m, magic, kHeader);
  hex(k, mask, kHeader);
  /* P: the program's own argv[0] reaches it (qemu honours it); F: the
   * interpreter is opened now, so it works in any mount namespace. */
  if ((size_t)snprintf(out, size, ":spawncheck:M::%s:%s:%s:PF", m, k, interpreter) >= size) {
    fprintf(stderr, "spawncheck-binfmt: %s: interpreter path too long\n", interpreter);
    return kFailed;
  }
  return 0;
}

/* Root maps every id onto itself, so the namespace differs from the host
 * in its binfmt_misc instance only (setresuid/setgroups to any id keep
 * working). The map of a namespace that holds no capability outside can
 * only be written from outside: a child left in the host namespace writes
 * it. Anyone else maps just their own ids. */
static int map_all_ids(pid_t inside) {
  int go[2];
  if (pipe2(go, O_CLOEXEC) != 0) return fail("pipe2", "map");
  pid_t writer = fork();
  if (writer < 0) return fail("fork", "map");
  if (writer == 0) {
    char c, path[64];
    close(go[1]);
    if (read(go[0], &c, 1) != 1) _exit(kFailed);
    snprintf(path, sizeof path, "/proc/%d/uid_map", (int)inside);
    if (write_file(path, "0 0 4294967295\n")) _exit(kFailed);
    snprintf(path, sizeof path, "/proc/%d/gid_map", (int)inside);
    _exit(write_file(path, "0 0 4294967295\n") ? kFailed : 0);
  }
  close(go[0]);
  int rc = 0;
  if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) rc = fail("unshare", "CLONE_NEWUSER|CLONE_NEWNS");
  if (write(go[1], "x", rc == 0) < 0) rc = fail("write", "map pipe");
  close(go[1]);
  int status;
  if (waitpid(writer, &status, 0) < 0) return fail("waitpid", "map writer");
  if (rc == 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) rc = kFailed;
  return rc;
}

static int map_own_ids(void) {
  char map[64];
  uid_t uid = geteuid();
  gid_t gid = getegid();
  if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) return fail("unshare", "CLONE_NEWUSER|CLONE_NEWNS");
  snprintf(map, sizeof map, "%u %u 1\n", (unsigned)uid, (unsigned)uid);
  if (write_file("/proc/self/uid_map", map)) return kFailed;
  /* The kernel takes a gid map from inside only once setgroups is denied. */
  if (write_file("/proc/self/setgroups", "deny")) return kFailed;
  snprintf(map, sizeof map, "%u %u 1\n", (unsigned)gid, (unsigned)gid);
  return write_file("/proc/self/gid_map", map);
}

static int enter_namespace(void) {
  int rc = geteuid() == 0 ? map_all_ids(getpid()) : map_own_ids();
  if (rc != 0) return rc;
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) return fail("mount", "/ private");
  if (mount("binfmt_misc", "/proc/sys/fs/binfmt_misc", "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0)
    return fail("mount", "binfmt_misc");
  return 0;
}

int main(int argc, char **argv) {
  int check = argc > 1 && strcmp(argv[1], "--check") == 0;
  char **arg = argv + 1 + check;
  int left = argc - 1 - check;
  if (left < 2 || (!check && left < 3)) {
    fprintf(stderr, "usage: spawncheck-binfmt [--check] INTERPRETER LIKE-ELF [COMMAND [ARG...]]\n");
    return 2;
  }
  char reg[512];
  int rc = registration(reg, sizeof reg, arg[0], arg[1]);
  if (rc == 0) rc = enter_namespace();
  if (rc == 0) rc = write_file("/proc/sys/fs/binfmt_misc/register", reg);
  if (rc != 0 || check) return rc;
  execvp(arg[2], arg + 2);
  return fail("execvp", arg[2]);
}
