// Distributed plumbing: environment parsing, the single-process no-op context, and real 2-rank runs
// over Gloo on 127.0.0.1. The 2-rank tests re-execute this test binary through
// launch_local_workers with a --gtest_filter on a DistributedHelper test, which does its rank's
// part only when SPOT_DIST_TEST_ROLE is set (and skips otherwise, e.g. in the normal suite).
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "spot/error.hpp"
#include "spot/train/distributed.hpp"

namespace fs = std::filesystem;
using spot::Error;
using spot::train::distributed_env_from_environment;
using spot::train::DistributedContext;
using spot::train::DistributedEnv;
using spot::train::DistributedOptions;
using spot::train::launch_local_workers;
using spot::train::parse_distributed_env;
using spot::train::pick_free_port;

namespace {

// Sets (or unsets, with nullopt) an environment variable for the scope of one test.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::optional<std::string>& value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) old_ = old;
    if (value)
      ::setenv(name_.c_str(), value->c_str(), 1);
    else
      ::unsetenv(name_.c_str());
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_.c_str(), old_->c_str(), 1);
    else
      ::unsetenv(name_.c_str());
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

std::string role() {
  const char* r = std::getenv("SPOT_DIST_TEST_ROLE");
  return r ? r : "";
}

// The message of the spot::Error thrown by `f`, or "" when none is thrown.
template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

// Runs DistributedHelper.Rank as `nproc` ranks; the environment carries the role and the folder
// where each rank leaves a file when it got to the end. Sharding variables are removed so a
// sharded CI run cannot filter the helper out of the children (which would then "pass").
struct Launch {
  int rc;
  double seconds;
  fs::path out_dir;
};

Launch launch_helper(const std::string& role_name, int nproc = 2) {
  const fs::path out_dir = fs::temp_directory_path() /
                           ("spot_dist_test_" + std::to_string(::getpid()) + "_" + role_name);
  fs::remove_all(out_dir);
  fs::create_directories(out_dir);
  ScopedEnv r("SPOT_DIST_TEST_ROLE", role_name);
  ScopedEnv o("SPOT_DIST_TEST_OUT", out_dir.string());
  ScopedEnv s1("GTEST_TOTAL_SHARDS", std::nullopt);
  ScopedEnv s2("GTEST_SHARD_INDEX", std::nullopt);
  const auto start = std::chrono::steady_clock::now();
  const int rc = launch_local_workers(
      nproc, {"test_train", "--gtest_filter=DistributedHelper.Rank", "--gtest_brief=1"}, 0);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {rc, seconds, out_dir};
}

// Called by a helper rank at its very end: proof for the parent that the checks really ran.
void mark_done(int rank) {
  const char* out = std::getenv("SPOT_DIST_TEST_OUT");
  ASSERT_NE(out, nullptr);
  std::ofstream(fs::path(out) / ("rank" + std::to_string(rank))) << "ok\n";
}

DistributedOptions test_options() {
  DistributedOptions o;
  o.timeout = std::chrono::seconds(20);  // far above what a loopback rendezvous needs
  return o;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Environment parsing

TEST(DistributedEnv, DefaultsMeanOneProcess) {
  const DistributedEnv env = parse_distributed_env({});
  EXPECT_EQ(env.rank, 0);
  EXPECT_EQ(env.world_size, 1);
  EXPECT_EQ(env.master_addr, "127.0.0.1");
  EXPECT_EQ(env.master_port, 29500);
  EXPECT_EQ(env.socket_ifname, "");
  // Empty values count as unset (some schedulers export empty variables).
  const DistributedEnv empty = parse_distributed_env({{"WORLD_SIZE", ""}, {"RANK", ""}});
  EXPECT_EQ(empty.world_size, 1);
  EXPECT_EQ(empty.rank, 0);
}

TEST(DistributedEnv, ReadsGoodValues) {
  const DistributedEnv env = parse_distributed_env({{"WORLD_SIZE", "4"},
                                                    {"RANK", "3"},
                                                    {"MASTER_ADDR", "node07.cluster"},
                                                    {"MASTER_PORT", "1234"},
                                                    {"GLOO_SOCKET_IFNAME", "eth1"}});
  EXPECT_EQ(env.world_size, 4);
  EXPECT_EQ(env.rank, 3);
  EXPECT_EQ(env.master_addr, "node07.cluster");
  EXPECT_EQ(env.master_port, 1234);
  EXPECT_EQ(env.socket_ifname, "eth1");
  EXPECT_EQ(parse_distributed_env({{"WORLD_SIZE", "1"}, {"RANK", "0"}}).world_size, 1);
  EXPECT_EQ(parse_distributed_env({{"MASTER_PORT", "65535"}}).master_port, 65535);
}

TEST(DistributedEnv, BadValuesNameTheVariable) {
  struct Case {
    std::map<std::string, std::string> vars;
    std::string variable;
  };
  const std::vector<Case> cases = {
      {{{"WORLD_SIZE", "two"}}, "WORLD_SIZE"},
      {{{"WORLD_SIZE", "0"}}, "WORLD_SIZE"},
      {{{"WORLD_SIZE", "-2"}, {"RANK", "0"}}, "WORLD_SIZE"},
      {{{"WORLD_SIZE", "2 "}, {"RANK", "0"}}, "WORLD_SIZE"},
      {{{"WORLD_SIZE", "99999999999"}, {"RANK", "0"}}, "WORLD_SIZE"},
      {{{"WORLD_SIZE", "2"}}, "RANK"},  // several processes but no rank
      {{{"WORLD_SIZE", "2"}, {"RANK", "2"}}, "RANK"},
      {{{"WORLD_SIZE", "2"}, {"RANK", "-1"}}, "RANK"},
      {{{"WORLD_SIZE", "2"}, {"RANK", "1.0"}}, "RANK"},
      {{{"RANK", "1"}}, "RANK"},  // WORLD_SIZE unset = 1
      {{{"MASTER_PORT", "0"}}, "MASTER_PORT"},
      {{{"MASTER_PORT", "65536"}}, "MASTER_PORT"},
      {{{"MASTER_PORT", "http"}}, "MASTER_PORT"},
      {{{"WORLD_SIZE", "2"}, {"RANK", "0"}, {"MASTER_PORT", "29500x"}}, "MASTER_PORT"},
  };
  for (const auto& c : cases) {
    std::string listing;
    for (const auto& [k, v] : c.vars) listing += k + "='" + v + "' ";
    const std::string what = error_of([&] { parse_distributed_env(c.vars); });
    EXPECT_NE(what.find(c.variable), std::string::npos)
        << "case " << listing << "gave '" << what << "', expected an error naming " << c.variable;
  }
}

TEST(DistributedEnv, ReadsTheProcessEnvironment) {
  ScopedEnv w("WORLD_SIZE", "3");
  ScopedEnv r("RANK", "2");
  ScopedEnv a("MASTER_ADDR", "10.1.2.3");
  ScopedEnv p("MASTER_PORT", "4321");
  ScopedEnv i("GLOO_SOCKET_IFNAME", std::nullopt);
  const DistributedEnv env = distributed_env_from_environment();
  EXPECT_EQ(env.world_size, 3);
  EXPECT_EQ(env.rank, 2);
  EXPECT_EQ(env.master_addr, "10.1.2.3");
  EXPECT_EQ(env.master_port, 4321);
  ScopedEnv bad("RANK", "x");
  EXPECT_NE(error_of([] { distributed_env_from_environment(); }).find("RANK"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Single process

TEST(DistributedContext, SingleProcessIsIdentityWithoutNetwork) {
  DistributedEnv env;
  env.master_addr = "no-such-host.invalid";  // would fail at once if anything tried to connect
  DistributedContext ctx(env);
  EXPECT_EQ(ctx.rank(), 0);
  EXPECT_EQ(ctx.world_size(), 1);
  EXPECT_TRUE(ctx.is_main());

  const auto a = torch::arange(6, torch::kFloat32).view({2, 3});
  const auto a0 = a.clone();
  std::vector<torch::Tensor> v{a, torch::Tensor(), torch::full({2}, 7, torch::kInt64)};
  ctx.allreduce_mean(v);
  ctx.broadcast_from_main(v);
  EXPECT_TRUE(torch::equal(v[0], a0));
  EXPECT_FALSE(v[1].defined());
  EXPECT_TRUE(torch::equal(v[2], torch::full({2}, 7, torch::kInt64)));
  EXPECT_EQ(ctx.allreduce_scalar_mean(2.5), 2.5);
  ctx.barrier();
}

TEST(DistributedContext, RejectsAnInconsistentEnv) {
  DistributedEnv env;
  env.world_size = 2;
  env.rank = 2;
  EXPECT_NE(error_of([&] { DistributedContext ctx(env); }).find("rank 2"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// A peer that never comes: a clear error after the timeout, never a hang.

TEST(DistributedContext, MissingPeerTimesOutWithAClearError) {
  DistributedOptions quick;
  quick.timeout = std::chrono::seconds(1);
  for (int rank : {0, 1}) {
    DistributedEnv env;
    env.world_size = 2;
    env.rank = rank;
    env.master_port = pick_free_port();  // rank 1: nobody listens; rank 0: nobody joins
    const auto start = std::chrono::steady_clock::now();
    const std::string what = error_of([&] { DistributedContext ctx(env, quick); });
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_NE(what.find("rank " + std::to_string(rank) + " of 2"), std::string::npos) << what;
    EXPECT_NE(what.find("MASTER_PORT"), std::string::npos) << what;
    EXPECT_LT(s, 10.0) << "the 1 s timeout was not honoured";
  }
}

// ---------------------------------------------------------------------------------------------
// Two real ranks

namespace {

// Rank side of DistributedTwoRanks.CollectivesGiveMeansAndRank0Values.
void collectives_rank() {
  const DistributedEnv env = distributed_env_from_environment();
  ASSERT_EQ(env.world_size, 2);
  ASSERT_EQ(env.master_addr, "127.0.0.1");
  ASSERT_NE(std::getenv("LOCAL_RANK"), nullptr);
  ASSERT_NE(std::getenv("OMP_NUM_THREADS"), nullptr);
  DistributedContext ctx(env, test_options());
  const int r = ctx.rank();
  EXPECT_EQ(r, env.rank);
  EXPECT_EQ(ctx.is_main(), r == 0);

  // Mean over ranks, mixed dtypes, an undefined entry and a non-contiguous view.
  const auto base = torch::arange(6, torch::kFloat32).view({2, 3});
  auto a = base * (r + 1);                               // mean: 1.5 * base
  auto b = torch::full({4}, 10.0 * r, torch::kFloat64);  // mean: 5
  auto c = (base * (r == 0 ? 1 : 3)).t();                // mean: 2 * base^T
  std::vector<torch::Tensor> v{a, torch::Tensor(), b, c};
  ASSERT_FALSE(c.is_contiguous());
  ctx.allreduce_mean(v);
  EXPECT_TRUE(torch::allclose(a, base * 1.5)) << a;
  EXPECT_TRUE(torch::allclose(b, torch::full({4}, 5.0, torch::kFloat64))) << b;
  EXPECT_TRUE(torch::allclose(c, (base * 2).t())) << c;
  EXPECT_FALSE(v[1].defined());

  // Broadcast: rank 0's values everywhere, into leaf parameters and integer tensors alike.
  auto p = torch::full({3}, 1.0 + r, torch::requires_grad());
  auto n = torch::full({5}, 7 * r + 3, torch::kInt64);
  std::vector<torch::Tensor> w{p, n};
  ctx.broadcast_from_main(w);
  EXPECT_TRUE(torch::equal(p.detach(), torch::ones({3})));
  EXPECT_TRUE(p.requires_grad());
  EXPECT_TRUE(torch::equal(n, torch::full({5}, 3, torch::kInt64)));

  EXPECT_DOUBLE_EQ(ctx.allreduce_scalar_mean(r == 0 ? 1.0 : 4.0), 2.5);

  // Misuse gives an error on every rank, and the group stays usable afterwards.
  std::vector<torch::Tensor> uneven{torch::ones({2})};
  if (r == 0) uneven.push_back(torch::ones({3}));
  const std::string what = error_of([&] { ctx.allreduce_mean(uneven); });
  EXPECT_NE(what.find("differ across ranks"), std::string::npos) << what;
  std::vector<torch::Tensor> ints{torch::ones({2}, torch::kInt32)};
  EXPECT_NE(error_of([&] { ctx.allreduce_mean(ints); }).find("Int"), std::string::npos);

  // Data parallelism: each rank half the batch + allreduce_mean == one process on the whole batch.
  torch::manual_seed(11);
  const auto x = torch::randn({8, 5});
  const auto y = torch::randn({8, 2});
  torch::manual_seed(100 + r);  // different initial weights per rank: broadcast must fix that
  torch::nn::Linear model(5, 2);
  torch::manual_seed(100);  // the reference starts from rank 0's weights
  torch::nn::Linear reference(5, 2);
  auto params = model->parameters();
  ctx.broadcast_from_main(params);
  torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(0.1).momentum(0.9));
  torch::optim::SGD ref_opt(reference->parameters(), torch::optim::SGDOptions(0.1).momentum(0.9));
  for (int step = 0; step < 5; ++step) {
    opt.zero_grad();
    torch::mse_loss(model(x.narrow(0, 4 * r, 4)), y.narrow(0, 4 * r, 4)).backward();
    std::vector<torch::Tensor> grads;
    for (auto& q : model->parameters()) grads.push_back(q.grad());
    ctx.allreduce_mean(grads);
    opt.step();
    ref_opt.zero_grad();
    torch::mse_loss(reference(x), y).backward();
    ref_opt.step();
  }
  EXPECT_LT((model->weight - reference->weight).abs().max().item<double>(), 1e-6);
  EXPECT_LT((model->bias - reference->bias).abs().max().item<double>(), 1e-6);

  ctx.barrier();
  if (!::testing::Test::HasFailure()) mark_done(r);
}

// Rank side of the launcher-failure test: rank 1 fails at once, rank 0 would run for a minute
// unless the launcher stops it.
void failing_rank(const std::string& how) {
  const DistributedEnv env = distributed_env_from_environment();
  if (env.rank == 1) {
    if (how == "exit3") std::_Exit(3);
    ::raise(SIGKILL);
  }
  std::this_thread::sleep_for(std::chrono::seconds(60));
  mark_done(env.rank);  // not reached: the launcher terminates this rank
}

}  // namespace

// The entry point of every spawned rank (skipped in a normal run).
TEST(DistributedHelper, Rank) {
  const std::string how = role();
  if (how.empty()) GTEST_SKIP() << "a rank of a multi-process test; runs only when spawned";
  ::alarm(30);  // a hung rank dies, so the launcher (and the parent test) cannot hang
  if (how == "collectives")
    collectives_rank();
  else if (how == "exit3" || how == "sigkill")
    failing_rank(how);
  else
    FAIL() << "unknown SPOT_DIST_TEST_ROLE " << how;
}

TEST(DistributedTwoRanks, CollectivesGiveMeansAndRank0Values) {
  const Launch l = launch_helper("collectives");
  EXPECT_EQ(l.rc, 0);
  EXPECT_TRUE(fs::exists(l.out_dir / "rank0")) << "rank 0 did not finish its checks";
  EXPECT_TRUE(fs::exists(l.out_dir / "rank1")) << "rank 1 did not finish its checks";
  fs::remove_all(l.out_dir);
}

TEST(DistributedTwoRanks, LauncherStopsTheOthersAndPropagatesAFailure) {
  const Launch failed = launch_helper("exit3");
  EXPECT_EQ(failed.rc, 3);
  EXPECT_LT(failed.seconds, 20.0) << "the surviving rank was not terminated";
  EXPECT_FALSE(fs::exists(failed.out_dir / "rank0"));
  fs::remove_all(failed.out_dir);

  const Launch killed = launch_helper("sigkill");
  EXPECT_EQ(killed.rc, 128 + SIGKILL);
  EXPECT_LT(killed.seconds, 20.0) << "the surviving rank was not terminated";
  fs::remove_all(killed.out_dir);
}

TEST(DistributedLaunch, RejectsBadArguments) {
  EXPECT_NE(error_of([] { launch_local_workers(0, {"x"}, 0); }).find("nproc"), std::string::npos);
  EXPECT_NE(error_of([] { launch_local_workers(2, {}, 0); }).find("argv"), std::string::npos);
  EXPECT_NE(error_of([] { launch_local_workers(2, {"x"}, 70000); }).find("MASTER_PORT"),
            std::string::npos);
  const int port = pick_free_port();
  EXPECT_GT(port, 0);
  EXPECT_LE(port, 65535);
}
