// Data-parallel plumbing: torch-DDP environment parsing, a c10d Gloo process group over a TCPStore
// rendezvous with packed (one buffer per dtype) gradient averaging, and the local multi-process
// launcher (fork + execve of /proc/self/exe).
#include "spot/train/distributed.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <torch/torch.h>

// The c10d Gloo header compiles only when this is defined (LibTorch's CMake config defines it;
// the Gloo process group itself is in libtorch_cpu).
#ifndef USE_C10D_GLOO
#define USE_C10D_GLOO
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include "spot/error.hpp"

extern char** environ;  // POSIX: the process environment, handed to the children

namespace spot::train {
namespace {

// Strict decimal integer: the whole text, optional '-', digits, no spaces, no overflow.
int parse_int_var(const std::string& name, const std::string& text, const std::string& expected) {
  int value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec == std::errc::result_out_of_range)
    throw Error(fmt::format("{}='{}' is out of range (expected {})", name, text, expected));
  if (ec != std::errc() || ptr != last)
    throw Error(fmt::format("{}='{}' is not an integer (expected {})", name, text, expected));
  return value;
}

const std::string* lookup(const std::map<std::string, std::string>& vars, const char* name) {
  auto it = vars.find(name);
  if (it == vars.end() || it->second.empty()) return nullptr;
  return &it->second;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// c10::Error::what() carries a C++ backtrace; the short form is what a user can act on.
std::string short_what(const std::exception& e) {
  if (const auto* c10_error = dynamic_cast<const c10::Error*>(&e))
    return c10_error->what_without_backtrace();
  return e.what();
}

// FNV-1a over everything that must agree across ranks for a packed collective to be meaningful.
class Fingerprint {
 public:
  void add(std::int64_t v) {
    for (int i = 0; i < 8; ++i) {
      hash_ ^= static_cast<std::uint64_t>(v >> (8 * i)) & 0xffu;
      hash_ *= 1099511628211ull;
    }
  }
  // 62 bits, so that -value is representable and [v, -v] can go through one MAX-allreduce.
  std::int64_t value() const { return static_cast<std::int64_t>(hash_ >> 2); }

 private:
  std::uint64_t hash_ = 14695981039346656037ull;
};

// Defined tensors grouped by (dtype, device), in order of first appearance: one flat buffer each.
struct Bucket {
  torch::TensorOptions options;
  std::vector<torch::Tensor> tensors;
};

std::vector<Bucket> make_buckets(const std::vector<torch::Tensor>& tensors) {
  std::vector<Bucket> buckets;
  for (const auto& t : tensors) {
    if (!t.defined()) continue;
    auto it = std::find_if(buckets.begin(), buckets.end(), [&](const Bucket& b) {
      return b.options.dtype() == t.dtype() && b.options.device() == t.device();
    });
    if (it == buckets.end()) {
      buckets.push_back({t.options(), {}});
      it = std::prev(buckets.end());
    }
    it->tensors.push_back(t);
  }
  return buckets;
}

// One contiguous 1-D buffer holding the bucket's values. A single contiguous tensor is used as is
// (no copy); otherwise the values are concatenated.
torch::Tensor pack(const Bucket& bucket) {
  if (bucket.tensors.size() == 1 && bucket.tensors.front().is_contiguous())
    return bucket.tensors.front().view({-1});
  std::vector<torch::Tensor> flat;
  flat.reserve(bucket.tensors.size());
  for (const auto& t : bucket.tensors) flat.push_back(t.reshape({-1}));
  return torch::cat(flat);
}

void unpack(const torch::Tensor& buffer, Bucket& bucket) {
  if (bucket.tensors.size() == 1 && bucket.tensors.front().is_contiguous()) return;  // in place
  std::int64_t offset = 0;
  for (auto& t : bucket.tensors) {
    const std::int64_t n = t.numel();
    t.copy_(buffer.narrow(0, offset, n).view(t.sizes()));
    offset += n;
  }
}

void set_env(std::vector<std::string>& env, const std::string& name, const std::string& value) {
  const std::string prefix = name + "=";
  env.erase(std::remove_if(env.begin(), env.end(),
                           [&](const std::string& e) { return e.rfind(prefix, 0) == 0; }),
            env.end());
  env.push_back(prefix + value);
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Environment

DistributedEnv parse_distributed_env(const std::map<std::string, std::string>& vars) {
  DistributedEnv env;
  const std::string* world = lookup(vars, "WORLD_SIZE");
  const std::string* rank = lookup(vars, "RANK");
  if (world) {
    env.world_size = parse_int_var("WORLD_SIZE", *world, "the number of processes, >= 1");
    if (env.world_size < 1)
      throw Error(fmt::format("WORLD_SIZE={} must be >= 1 (the number of processes in the job)",
                              env.world_size));
  }
  if (rank) {
    env.rank = parse_int_var("RANK", *rank, fmt::format("0..{}", env.world_size - 1));
    if (env.rank < 0 || env.rank >= env.world_size)
      throw Error(fmt::format("RANK={} is outside 0..{} (WORLD_SIZE={}{})", env.rank,
                              env.world_size - 1, env.world_size, world ? "" : " because unset"));
  } else if (env.world_size > 1) {
    throw Error(fmt::format("RANK is unset but WORLD_SIZE={} (set RANK to 0..{} in each process)",
                            env.world_size, env.world_size - 1));
  }
  if (const std::string* addr = lookup(vars, "MASTER_ADDR")) env.master_addr = *addr;
  if (const std::string* port = lookup(vars, "MASTER_PORT")) {
    env.master_port = parse_int_var("MASTER_PORT", *port, "a TCP port, 1..65535");
    if (env.master_port < 1 || env.master_port > 65535)
      throw Error(fmt::format("MASTER_PORT={} is outside 1..65535", env.master_port));
  }
  if (const std::string* ifname = lookup(vars, "GLOO_SOCKET_IFNAME")) env.socket_ifname = *ifname;
  return env;
}

DistributedEnv distributed_env_from_environment() {
  std::map<std::string, std::string> vars;
  for (const char* name :
       {"WORLD_SIZE", "RANK", "MASTER_ADDR", "MASTER_PORT", "GLOO_SOCKET_IFNAME"}) {
    if (const char* value = std::getenv(name)) vars[name] = value;
  }
  return parse_distributed_env(vars);
}

// ---------------------------------------------------------------------------------------------
// Process group

struct DistributedContext::Group {
  // Declaration order matters: the process group (which uses the store) is destroyed first.
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> pg;
};

DistributedContext::DistributedContext(const DistributedEnv& env, DistributedOptions options)
    : rank_(env.rank), world_size_(env.world_size), options_(options) {
  if (env.world_size < 1 || env.rank < 0 || env.rank >= env.world_size)
    throw Error(fmt::format("distributed: rank {} is outside 0..{}", env.rank, env.world_size - 1));
  if (env.world_size == 1) return;  // single process: nothing to connect
  if (env.master_port < 1 || env.master_port > 65535)
    throw Error(fmt::format("distributed: MASTER_PORT={} is outside 1..65535", env.master_port));
  if (options.timeout.count() <= 0) throw Error("distributed: the timeout must be positive");

  const std::string where = fmt::format("rank {} of {} (MASTER_ADDR={} MASTER_PORT={})", env.rank,
                                        env.world_size, env.master_addr, env.master_port);
  auto group = std::make_unique<Group>();
  try {
    c10d::TCPStoreOptions store_options;
    store_options.port = static_cast<std::uint16_t>(env.master_port);
    store_options.isServer = env.rank == 0;
    store_options.numWorkers = static_cast<std::size_t>(env.world_size);
    // No separate wait for every rank here: in LibTorch 1.13 that wait ends silently at the timeout
    // and the Gloo rendezvous below then waits a second full timeout. The Gloo rendezvous waits for
    // every rank anyway, and fails with an error.
    store_options.waitWorkers = false;
    store_options.timeout = options.timeout;  // clients retry connecting until then
    group->store = c10::make_intrusive<c10d::TCPStore>(env.master_addr, store_options);
  } catch (const std::exception& e) {
    if (env.rank == 0)
      throw Error(
          fmt::format("distributed: {} could not start the rendezvous store: {} (is port {} "
                      "already used, e.g. by an earlier run? set MASTER_PORT to a free one)",
                      where, short_what(e), env.master_port));
    throw Error(fmt::format(
        "distributed: {} could not reach the rendezvous store within {} s: {} (is rank 0 running, "
        "and are MASTER_ADDR/MASTER_PORT right?)",
        where, options.timeout.count() / 1000.0, short_what(e)));
  }
  try {
    auto pg_options = c10d::ProcessGroupGloo::Options::create(options.timeout);
    // The device is the local address Gloo listens on. A loopback master means every rank is on
    // this machine, so loopback is right (and works without a resolvable hostname). Otherwise the
    // interface named by GLOO_SOCKET_IFNAME, else the address this machine's hostname resolves to.
    if (!env.socket_ifname.empty())
      pg_options->devices.push_back(
          c10d::ProcessGroupGloo::createDeviceForInterface(env.socket_ifname));
    else if (is_loopback(env.master_addr))
      pg_options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
    else
      pg_options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
    pg_options->threads = 2;
    group->pg = c10::make_intrusive<c10d::ProcessGroupGloo>(group->store, env.rank, env.world_size,
                                                            pg_options);
  } catch (const std::exception& e) {
    throw Error(fmt::format(
        "distributed: {} could not connect to the other ranks within {} s: {} (did every rank "
        "start? on several machines, set GLOO_SOCKET_IFNAME to the interface reaching the others)",
        where, options.timeout.count() / 1000.0, short_what(e)));
  }
  group_ = std::move(group);
}

DistributedContext::~DistributedContext() = default;
DistributedContext::DistributedContext(DistributedContext&&) noexcept = default;
DistributedContext& DistributedContext::operator=(DistributedContext&&) noexcept = default;

namespace {

// Blocks on a collective and turns any failure into a spot::Error that says which one and where.
void wait_for(const c10::intrusive_ptr<c10d::Work>& work, const char* what, int rank, int world) {
  try {
    work->wait();
  } catch (const std::exception& e) {
    throw Error(fmt::format("distributed {} failed on rank {} of {}: {}", what, rank, world,
                            short_what(e)));
  }
}

template <typename Start>
void run_collective(const char* what, int rank, int world, Start start) {
  c10::intrusive_ptr<c10d::Work> work;
  try {
    work = start();
  } catch (const std::exception& e) {
    throw Error(fmt::format("distributed {} failed on rank {} of {}: {}", what, rank, world,
                            short_what(e)));
  }
  wait_for(work, what, rank, world);
}

// Throws on every rank when the tensor lists differ in layout across ranks.
void check_same_layout(c10d::ProcessGroupGloo& pg, const std::vector<torch::Tensor>& tensors,
                       const char* what, int rank, int world) {
  Fingerprint fp;
  std::int64_t defined = 0, elements = 0;
  fp.add(static_cast<std::int64_t>(tensors.size()));
  for (const auto& t : tensors) {
    fp.add(t.defined() ? 1 : 0);
    if (!t.defined()) continue;
    ++defined;
    elements += t.numel();
    fp.add(static_cast<std::int64_t>(t.scalar_type()));
    fp.add(static_cast<std::int64_t>(t.device().type()));
    fp.add(t.dim());
    for (auto s : t.sizes()) fp.add(s);
  }
  const std::int64_t h = fp.value();
  // MAX over [h, -h] gives [max h, -min h]: all ranks agree iff both equal h.
  std::vector<at::Tensor> probe{torch::tensor({h, -h}, torch::kInt64)};
  c10d::AllreduceOptions opts;
  opts.reduceOp = c10d::ReduceOp::MAX;
  run_collective("layout check", rank, world, [&] { return pg.allreduce(probe, opts); });
  const auto agreed = probe[0];
  if (agreed[0].item<std::int64_t>() != h || agreed[1].item<std::int64_t>() != -h)
    throw Error(fmt::format(
        "distributed {}: the tensors differ across ranks (rank {} passed {} tensors, {} defined, "
        "{} elements); every rank must pass the same tensors in the same order, with the same "
        "sizes, dtypes and undefined ones",
        what, rank, tensors.size(), defined, elements));
}

}  // namespace

void DistributedContext::allreduce_mean(std::vector<torch::Tensor>& tensors) {
  if (!group_) return;
  for (const auto& t : tensors) {
    if (t.defined() && !at::isFloatingType(t.scalar_type()))
      throw Error(
          fmt::format("distributed allreduce_mean: a {} tensor cannot be averaged in place "
                      "(expected floating-point tensors such as gradients)",
                      std::string(c10::toString(t.scalar_type()))));
  }
  torch::NoGradGuard no_grad;
  if (options_.check_layout)
    check_same_layout(*group_->pg, tensors, "allreduce_mean", rank_, world_size_);
  for (auto& bucket : make_buckets(tensors)) {
    std::vector<at::Tensor> buffer{pack(bucket)};
    if (buffer[0].numel() == 0) continue;
    c10d::AllreduceOptions opts;
    opts.reduceOp = c10d::ReduceOp::SUM;  // Gloo has no AVG: sum, then divide
    run_collective("allreduce", rank_, world_size_,
                   [&] { return group_->pg->allreduce(buffer, opts); });
    buffer[0].div_(static_cast<double>(world_size_));
    unpack(buffer[0], bucket);
  }
}

void DistributedContext::broadcast_from_main(std::vector<torch::Tensor>& tensors) {
  if (!group_) return;
  torch::NoGradGuard no_grad;
  if (options_.check_layout)
    check_same_layout(*group_->pg, tensors, "broadcast_from_main", rank_, world_size_);
  for (auto& bucket : make_buckets(tensors)) {
    std::vector<at::Tensor> buffer{pack(bucket)};
    if (buffer[0].numel() == 0) continue;
    c10d::BroadcastOptions opts;
    opts.rootRank = 0;
    run_collective("broadcast", rank_, world_size_,
                   [&] { return group_->pg->broadcast(buffer, opts); });
    unpack(buffer[0], bucket);
  }
}

void DistributedContext::barrier() {
  if (!group_) return;
  run_collective("barrier", rank_, world_size_, [&] { return group_->pg->barrier(); });
}

double DistributedContext::allreduce_scalar_mean(double value) {
  if (!group_) return value;
  std::vector<at::Tensor> buffer{torch::tensor({value}, torch::kFloat64)};
  c10d::AllreduceOptions opts;
  opts.reduceOp = c10d::ReduceOp::SUM;
  run_collective("allreduce", rank_, world_size_,
                 [&] { return group_->pg->allreduce(buffer, opts); });
  return buffer[0].item<double>() / world_size_;
}

// ---------------------------------------------------------------------------------------------
// Local launcher

int pick_free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw Error(fmt::format("cannot create a socket: {}", std::strerror(errno)));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // the kernel picks a free port
  socklen_t len = sizeof(addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    const int err = errno;
    ::close(fd);
    throw Error(fmt::format("cannot find a free TCP port on 127.0.0.1: {}", std::strerror(err)));
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

int launch_local_workers(int nproc, const std::vector<std::string>& argv, int master_port) {
  if (nproc < 1) throw Error(fmt::format("--nproc {}: expected at least 1 process", nproc));
  if (argv.empty()) throw Error("launch_local_workers: argv is empty (expected argv[0] at least)");
  if (master_port < 0 || master_port > 65535)
    throw Error(
        fmt::format("MASTER_PORT={} is outside 1..65535 (or 0 for a free one)", master_port));
  const int port = master_port == 0 ? pick_free_port() : master_port;

  // Everything the children need is built before the first fork: between fork and execve a child
  // of a multi-threaded process may only make async-signal-safe calls.
  std::vector<std::string> args = argv;
  std::vector<char*> c_args = c_strings(args);
  // Like torchrun: N ranks each running a full-size OpenMP pool would oversubscribe the cores.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::string omp_threads =
      std::to_string(std::max(1u, cores / static_cast<unsigned>(nproc)));
  const bool omp_set = std::getenv("OMP_NUM_THREADS") != nullptr;
  std::vector<std::vector<std::string>> envs(static_cast<std::size_t>(nproc));
  std::vector<std::vector<char*>> c_envs(static_cast<std::size_t>(nproc));
  for (int i = 0; i < nproc; ++i) {
    auto& env = envs[static_cast<std::size_t>(i)];
    for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
    set_env(env, "WORLD_SIZE", std::to_string(nproc));
    set_env(env, "RANK", std::to_string(i));
    set_env(env, "LOCAL_RANK", std::to_string(i));
    set_env(env, "LOCAL_WORLD_SIZE", std::to_string(nproc));
    set_env(env, "MASTER_ADDR", "127.0.0.1");
    set_env(env, "MASTER_PORT", std::to_string(port));
    if (!omp_set) set_env(env, "OMP_NUM_THREADS", omp_threads);
    c_envs[static_cast<std::size_t>(i)] = c_strings(env);
  }
  std::fflush(nullptr);  // unflushed output would be printed twice (once by each forked copy)

  const pid_t parent = ::getpid();
  std::vector<pid_t> pids;
  auto stop_all = [&](int sig) {
    for (pid_t p : pids)
      if (p > 0) ::kill(p, sig);
  };
  auto reap_all = [&] {
    for (pid_t& p : pids) {
      if (p <= 0) continue;
      int status = 0;
      while (::waitpid(p, &status, 0) < 0 && errno == EINTR) {
      }
      p = -1;
    }
  };
  for (int i = 0; i < nproc; ++i) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      // Child: die with the launcher (no orphaned ranks holding the port), then become the program.
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::getppid() != parent) ::_exit(1);
      ::execve("/proc/self/exe", c_args.data(), c_envs[static_cast<std::size_t>(i)].data());
      ::_exit(127);
    }
    if (pid < 0) {
      const int err = errno;
      stop_all(SIGTERM);
      reap_all();
      throw Error(
          fmt::format("cannot start rank {} of {}: fork failed: {}", i, nproc, std::strerror(err)));
    }
    pids.push_back(pid);
  }

  // Poll rather than waitpid(-1): the caller may have other children that are not ours to reap.
  int result = 0;
  int running = nproc;
  std::chrono::steady_clock::time_point kill_deadline{};
  bool terminating = false;
  while (running > 0) {
    bool reaped = false;
    for (int i = 0; i < nproc; ++i) {
      pid_t& p = pids[static_cast<std::size_t>(i)];
      if (p <= 0) continue;
      int status = 0;
      const pid_t r = ::waitpid(p, &status, WNOHANG);
      if (r == 0 || (r < 0 && errno == EINTR)) continue;
      p = -1;
      --running;
      reaped = true;
      const int code = r < 0 ? 1 : exit_code_of(status);
      if (code != 0 && result == 0) {
        result = code;
        std::fprintf(stderr, "spot: rank %d of %d %s %d; stopping the other ranks\n", i, nproc,
                     WIFSIGNALED(status) ? "was killed by signal" : "exited with code",
                     WIFSIGNALED(status) ? WTERMSIG(status) : code);
        std::fflush(stderr);
        stop_all(SIGTERM);
        terminating = true;
        kill_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      }
    }
    if (terminating && running > 0 && std::chrono::steady_clock::now() > kill_deadline) {
      stop_all(SIGKILL);
      reap_all();
      break;
    }
    if (!reaped && running > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return result;
}

}  // namespace spot::train
