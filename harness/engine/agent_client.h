// agent_client.h — one spawncheck-agent process and the frames exchanged
// with it. The agent is restarted transparently after it dies or hangs;
// everything it leaves behind is killed and reaped (the harness is a child
// subreaper, so orphans of a killed agent come back to it).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "hello.h"

namespace sc {

struct AgentReplyFrame {
  bool ok = false;        // a reply frame arrived in time
  std::string text;       // reply payload after the message byte
  std::string error;      // when !ok: why ("agent timed out after 10000 ms")
};

class AgentClient {
 public:
  // command: the agent and its emulator prefix, e.g. {"qemu-aarch64", agent}.
  AgentClient(std::vector<std::string> command, std::string scratch, std::string probe);
  ~AgentClient();
  AgentClient(const AgentClient&) = delete;
  AgentClient& operator=(const AgentClient&) = delete;

  // Sends one RUN frame and waits for its reply for at most timeout_ms;
  // starts the agent first when none runs.
  AgentReplyFrame request(const std::string& frame, unsigned timeout_ms);
  // Starts the agent unless it runs: "" or why it cannot.
  std::string ensure_started();
  // How many times the agent had to be (re)started; 1 after the first use.
  int starts() const { return starts_; }
  // The HELLO of the agent started last.
  const Hello& hello() const { return hello_; }

 private:
  std::string start();  // "" or the error
  void stop();          // QUIT, then kill and reap after a grace period
  AgentReplyFrame exchange(const std::string& frame, unsigned timeout_ms);

  std::vector<std::string> command_;
  std::string scratch_, probe_;
  Hello hello_;
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  int starts_ = 0;
};

// Kills (SIGKILL) and reaps every child of this process that is not an
// agent; returns how many. Only our own children are ever signalled.
int reap_strays();

}  // namespace sc
