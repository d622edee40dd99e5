/* children.h — bounded waits and the clean-up of our own children. Only
 * ever acts on processes that are the caller's children (waitpid says so,
 * or /proc lists them), never on anything else. */
#ifndef SPAWNCHECK_AGENT_CHILDREN_H
#define SPAWNCHECK_AGENT_CHILDREN_H

#include <stdint.h>
#include <sys/types.h>

/* Waits for pid until deadline_ns, then SIGKILLs and reaps it. 1: it
 * ended by itself, *status set; 0: it had to be killed; -errno (-ECHILD:
 * not a child of ours, e.g. already reaped, or SIGCHLD is ignored). */
int sc_wait_or_kill(pid_t pid, int *status, int64_t deadline_ns);
/* Reaps the children that have already terminated; returns how many. */
unsigned sc_reap_zombies(void);
/* Waits for whichever child ends first until deadline_ns: its pid (status
 * set), 0 at the deadline, or -errno (-ECHILD: there is no child). */
pid_t sc_wait_any(int *status, int64_t deadline_ns);
/* Children a call left behind: the terminated ones (reaped) plus those
 * still running (a failed child may not have exited yet when a call that
 * never reaps it returns); the running ones are killed at the end. */
unsigned sc_leftover_children(void);
/* SIGKILLs and reaps every child of the calling thread, including orphans
 * adopted as a subreaper while this runs, until none is left or deadline. */
void sc_kill_children(int64_t deadline_ns);
/* The same for every child but keep (a worker that goes on serving):
 * what a request left under the agent, as a subreaper, goes. */
void sc_kill_orphans(pid_t keep, int64_t deadline_ns);

#endif
