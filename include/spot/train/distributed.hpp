// Data-parallel plumbing for training: which rank this process is (from the torch-DDP environment
// variables), a Gloo process group over a TCPStore rendezvous (LibTorch's own c10d engine),
// gradient averaging, and the local launcher behind `spot train --nproc N`.
#pragma once

#include <torch/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace spot::train {

// Where this process sits in a data-parallel job. Defaults = one process, no network.
struct DistributedEnv {
  int rank = 0;                           // RANK: 0 .. world_size-1; rank 0 hosts the TCPStore
  int world_size = 1;                     // WORLD_SIZE: number of processes in the whole job
  std::string master_addr = "127.0.0.1";  // MASTER_ADDR: host (name or IP) where rank 0 runs
  int master_port = 29500;                // MASTER_PORT: TCP port of rank 0's store, 1..65535
  std::string socket_ifname;              // GLOO_SOCKET_IFNAME: NIC for Gloo; empty = automatic
};

// Reads WORLD_SIZE, RANK, MASTER_ADDR, MASTER_PORT and GLOO_SOCKET_IFNAME from the process
// environment (as torch DDP / torchrun do). Unset or empty variables take DistributedEnv's
// defaults. Throws spot::Error naming the variable when a value is not a plain decimal integer,
// when WORLD_SIZE < 1, when RANK is outside [0, WORLD_SIZE), when RANK is unset although WORLD_SIZE
// > 1, or when MASTER_PORT is outside 1..65535.
DistributedEnv distributed_env_from_environment();

// The same rules applied to an explicit name -> value table (a missing name = unset); what the
// function above calls, and what tests use without touching the real environment.
DistributedEnv parse_distributed_env(const std::map<std::string, std::string>& vars);

struct DistributedOptions {
  // Bounds the rendezvous (waiting for every rank to join) and every collective: a missing or dead
  // peer gives a spot::Error after this long instead of a hang.
  std::chrono::milliseconds timeout{std::chrono::seconds(120)};
  // Before each allreduce/broadcast, compare the tensor layout (which tensors are defined, their
  // sizes and dtypes) across ranks with one tiny extra collective. A mismatch would otherwise give
  // garbage or a Gloo error far from the cause; costs one round trip of 16 bytes.
  bool check_layout = true;
};

// One process's membership in a data-parallel job.
//
// world_size == 1: no store, no process group, no thread, no socket; every method is a no-op (or
// returns its argument), so single-process training pays nothing.
// world_size > 1: rank 0 starts a c10d::TCPStore server on master_port, every rank connects to it,
// and a c10d::ProcessGroupGloo connects all ranks in a full mesh. All ranks must call the
// collective methods below in the same order with tensors of the same layout (as with torch DDP).
// Collectives are blocking. Not thread-safe: use from one thread.
class DistributedContext {
 public:
  // Throws spot::Error (naming rank, world size, master address and port) when the store cannot be
  // created or reached (port taken, wrong address) or when not every rank joins within the timeout.
  explicit DistributedContext(const DistributedEnv& env, DistributedOptions options = {});
  // Shuts the process group down (joins its threads, closes sockets), then the store. Does not
  // synchronise with the other ranks: call barrier() first if they must all reach the end together.
  ~DistributedContext();
  DistributedContext(const DistributedContext&) = delete;
  DistributedContext& operator=(const DistributedContext&) = delete;
  DistributedContext(DistributedContext&&) noexcept;
  DistributedContext& operator=(DistributedContext&&) noexcept;

  int rank() const { return rank_; }
  int world_size() const { return world_size_; }
  bool is_main() const { return rank_ == 0; }  // rank 0: logs, checkpoints, validation

  // In place: every defined tensor becomes the element-wise mean of that tensor over all ranks
  // (sum-allreduce, then divided by world_size). Meant for gradients: the tensors are packed into
  // one flat buffer per dtype/device, so there is one collective per step whatever the number of
  // parameters. Undefined tensors (a parameter without a grad) are skipped; every rank must have
  // the same ones undefined. Runs under NoGradGuard, so leaf tensors are fine.
  // Throws spot::Error when a defined tensor is not floating point (a mean would truncate), when
  // the layouts differ across ranks (with check_layout), or when the collective fails or times out.
  void allreduce_mean(std::vector<torch::Tensor>& tensors);

  // In place: every defined tensor takes rank 0's values (e.g. initial parameters, so all replicas
  // start equal). Same packing, layout rule and errors as allreduce_mean; any dtype.
  void broadcast_from_main(std::vector<torch::Tensor>& tensors);

  // Returns when every rank has called it. Throws spot::Error on failure or timeout.
  void barrier();

  // The mean of `value` over all ranks (float64), e.g. for logging a loss. Throws like barrier().
  double allreduce_scalar_mean(double value);

 private:
  struct Group;  // the c10d objects; absent (null) when world_size == 1
  int rank_ = 0;
  int world_size_ = 1;
  DistributedOptions options_;
  std::unique_ptr<Group> group_;
};

// Runs `nproc` copies of this executable (/proc/self/exe) on this machine, the way torchrun does
// for one node. Child i gets `argv` (argv[0] is the program name the children see; the caller has
// removed --nproc) and this process's environment plus WORLD_SIZE=nproc, RANK=i, LOCAL_RANK=i,
// LOCAL_WORLD_SIZE=nproc, MASTER_ADDR=127.0.0.1, MASTER_PORT=master_port (0: a free port chosen by
// the kernel) and, unless already set, OMP_NUM_THREADS=cores/nproc (at least 1) so the ranks do not
// oversubscribe the cores. Children inherit stdout/stderr and get SIGTERM if this process dies.
// Blocks until all have ended. Returns 0 when all exit with 0; otherwise, as soon as one exits
// non-zero or is killed, sends SIGTERM to the others (SIGKILL after 10 s), waits for them and
// returns the first failure's exit code (128 + signal number when killed by a signal).
// Throws spot::Error when nproc < 1, argv is empty, master_port is outside 0..65535, or a child
// cannot be started.
int launch_local_workers(int nproc, const std::vector<std::string>& argv, int master_port);

// A TCP port on 127.0.0.1 that was free a moment ago (bind to port 0, read it back, close).
// Another process may take it before it is used; good enough for a local launch or a test.
// Throws spot::Error when no socket can be bound.
int pick_free_port();

}  // namespace spot::train
