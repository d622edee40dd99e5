// wire_encode.cpp — request frames for the agent. Records are written in
// tag order, fixed-width fields first, then the variable bytes (wire.h).
#include "wire_encode.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include <fmt/format.h>

#include "wire.h"

namespace sc {
namespace {

constexpr std::size_t kHeaderSize = 8;  // magic + u32 length

template <class U>
void put(std::string& out, U v) {
  for (std::size_t i = 0; i < sizeof v; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xffu));
}
void put_i32(std::string& out, int v) { put(out, static_cast<std::uint32_t>(v)); }

std::uint32_t get_u32(std::string_view s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v |= std::uint32_t{static_cast<unsigned char>(s[at + i])} << (8 * i);
  return v;
}

class Payload {
 public:
  explicit Payload(sc_msg type) { bytes_.push_back(static_cast<char>(type)); }

  // fields: the fixed-width fields followed by the variable bytes.
  Payload& record(sc_tag tag, std::string_view fields) {
    bytes_.push_back(static_cast<char>(tag));
    put(bytes_, static_cast<std::uint32_t>(fields.size()));
    bytes_.append(fields);
    return *this;
  }
  Payload& u32(sc_tag tag, std::uint32_t v) { return record(tag, fixed(v)); }
  Payload& u64(sc_tag tag, std::uint64_t v) { return record(tag, fixed(v)); }

  std::string frame() const {
    if (bytes_.size() > SC_WIRE_MAX_PAYLOAD)
      throw std::length_error(fmt::format("request payload of {} bytes exceeds the wire limit of {}", bytes_.size(),
                                          SC_WIRE_MAX_PAYLOAD));
    std::string out(SC_WIRE_MAGIC);
    put(out, static_cast<std::uint32_t>(bytes_.size()));
    return out + bytes_;
  }

 private:
  template <class U>
  static std::string fixed(U v) {
    std::string s;
    put(s, v);
    return s;
  }
  std::string bytes_;
};

}  // namespace

std::string encode_hello(std::string_view scratch, std::string_view probe) {
  return Payload(SC_MSG_HELLO).record(SC_T_SCRATCH, scratch).record(SC_T_PROBE, probe).frame();
}

std::string encode_run(const Case& c, std::string_view backend, unsigned timeout_ms) {
  Payload p(SC_MSG_RUN);
  p.record(SC_T_BACKEND, backend).u32(SC_T_TIMEOUT, timeout_ms).record(SC_T_CWD, c.cwd).u32(SC_T_UMASK, c.umask);
  for (const auto& f : c.fds) {
    std::string r;
    put_i32(r, f.fd);
    put(r, static_cast<std::uint32_t>(f.kind));
    put_i32(r, f.peer);
    put(r, f.oflags);
    put(r, std::uint32_t{f.cloexec});
    put(r, f.offset);
    p.record(SC_T_PFD, r + f.path);
  }
  p.u64(SC_T_PSIGMASK, c.sigmask).u64(SC_T_PSIGIGN, c.sigign).u64(SC_T_PSIGCATCH, c.sigcatch);
  for (const auto& e : c.parent_env) p.record(SC_T_PENV, e);
  p.u32(SC_T_FUNC, c.func == Func::Spawn ? 0 : 1).record(SC_T_PATH, c.program);
  for (const auto& a : c.argv) p.record(SC_T_ARG, a);
  if (c.env_inherit)
    p.record(SC_T_ENV_INHERIT, "");
  else
    for (const auto& e : c.envp) p.record(SC_T_ENV, e);
  for (const auto& a : c.actions) {
    std::string r;
    put(r, static_cast<std::uint32_t>(a.op));
    put_i32(r, a.fd);
    put_i32(r, a.newfd);
    put(r, a.oflags);
    put(r, a.mode);
    p.record(SC_T_ACTION, r + a.path);
  }
  if (c.attr.flags) p.u32(SC_T_ATTRFLAGS, *c.attr.flags);
  if (c.attr.sigmask) p.u64(SC_T_ATTRSIGMASK, *c.attr.sigmask);
  if (c.attr.sigdefault) p.u64(SC_T_ATTRSIGDEF, *c.attr.sigdefault);
  if (c.attr.pgroup) {
    std::string r;
    put_i32(r, *c.attr.pgroup);
    p.record(SC_T_ATTRPGROUP, r);
  }
  return p.frame();
}

std::string encode_scenario(std::string_view scenario, std::string_view backend, unsigned param, unsigned timeout_ms) {
  Payload p(SC_MSG_RUN);
  p.record(SC_T_BACKEND, backend).record(SC_T_SCENARIO, scenario).u32(SC_T_TIMEOUT, timeout_ms);
  if (param != 0) p.u32(SC_T_PARAM, param);
  return p.frame();
}

std::string encode_quit() { return Payload(SC_MSG_QUIT).frame(); }

FrameRead decode_frame(std::string_view buf) {
  FrameRead r;
  auto magic = std::string_view(SC_WIRE_MAGIC);
  if (buf.substr(0, magic.size()) != magic.substr(0, std::min(buf.size(), magic.size()))) {
    r.status = FrameRead::Status::Malformed;
    r.error = "frame does not start with " + std::string(magic);
    return r;
  }
  if (buf.size() < kHeaderSize) return r;
  auto len = get_u32(buf, magic.size());
  if (len == 0 || len > SC_WIRE_MAX_PAYLOAD) {
    r.status = FrameRead::Status::Malformed;
    r.error = fmt::format("frame payload length {} is outside 1..{}", len, SC_WIRE_MAX_PAYLOAD);
    return r;
  }
  if (buf.size() - kHeaderSize < len) return r;
  r.status = FrameRead::Status::Complete;
  r.type = buf[kHeaderSize];
  r.body = std::string(buf.substr(kHeaderSize + 1, len - 1));
  r.size = kHeaderSize + len;
  return r;
}

}  // namespace sc
