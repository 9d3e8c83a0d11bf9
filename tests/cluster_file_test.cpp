// The cluster description file (lib/cluster/cluster_file.h, docs/cluster.md §4): good files read
// into the expected plain data, and every kind of bad file refused with an error naming the file,
// the line and the field.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "cluster/cluster_file.h"
#include "faqsearch/error.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using detail::ClusterDescription;
using detail::ClusterShard;
using detail::RemotePartition;
using detail::ServerAddress;
using detail::ShardFailurePolicy;

const std::filesystem::path kFile = "/srv/faqsearch/cluster.toml";

ClusterShard local_shard(std::string name, std::filesystem::path path, std::size_t line) {
  ClusterShard s;
  s.name = std::move(name);
  s.path = std::move(path);
  s.line = line;
  return s;
}

ClusterShard remote_shard(std::string name, std::vector<RemotePartition> partitions, std::size_t line) {
  ClusterShard s;
  s.name = std::move(name);
  s.partitions = std::move(partitions);
  s.line = line;
  return s;
}

struct GoodFile {
  const char* name;
  const char* text;
  ClusterDescription expected;
};

TEST(ClusterFile, GoodFilesReadAsWritten) {
  ClusterDescription remote;
  remote.timeout_ms = 350;
  remote.on_shard_failure = ShardFailurePolicy::kPartial;
  remote.retry_ms = 1500;
  remote.shards = {
      local_shard("eu", "/srv/faqsearch/eu", 6),
      remote_shard("us",
                   {RemotePartition{"public", "en", ServerAddress{"10.0.0.7", 7001}, {ServerAddress{"replica.example", 7001}}, 11},
                    RemotePartition{"agents", "zh-Hans", ServerAddress{"::1", 65535}, {}, 16}},
                   9),
  };
  const std::vector<GoodFile> files = {
      {"local shard, defaults", "version = 1\n[[shard]]\nname = \"main\"\npath = \"/var/lib/faqsearch\"\n",
       ClusterDescription{{local_shard("main", "/var/lib/faqsearch", 2)}, 2000, ShardFailurePolicy::kError}},
      {"relative path: against the file's directory", "version = 1\n\n[[shard]]\nname = \"a\"\npath = \"shards/a\"\n",
       ClusterDescription{{local_shard("a", "/srv/faqsearch/shards/a", 3)}, 2000, ShardFailurePolicy::kError}},
      {"local and remote shards, replicas, IPv6, every option",
       "# two shards\n"
       "version = 1\ntimeout_ms = 350\non_shard_failure = \"partial\"\nretry_ms = 1500\n"
       "[[shard]]\nname = \"eu\"\npath = \"eu\"\n"
       "[[shard]]\nname = \"us\"\n"
       "  [[shard.partition]]\n  audience = \"public\"\n  lang = \"en\"\n  address = \"tcp://10.0.0.7:7001\"\n"
       "  replicas = [\"tcp://replica.example:7001\"]\n"
       "  [[shard.partition]]\n  audience = \"agents\"\n  lang = \"zh-Hans\"\n  address = \"tcp://[::1]:65535\"\n",
       remote},
  };
  for (const GoodFile& f : files) {
    SCOPED_TRACE(f.name);
    EXPECT_EQ(detail::parse_cluster_description(f.text, kFile), f.expected);
  }
}

struct BadFile {
  const char* problem;
  std::string text;
  std::string message;  // after "/srv/faqsearch/cluster.toml:"
};

const std::string kHead = "version = 1\n[[shard]]\nname = \"s\"\n";  // a shard on line 2 to finish
const std::string kPartition = "[[shard.partition]]\naudience = \"public\"\nlang = \"en\"\n";  // from line 4

TEST(ClusterFile, BadFilesNameFileLineAndField) {
  const std::vector<BadFile> files = {
      {"not TOML", "version = 1\n[[shard]\n", "2: invalid TOML: "},
      {"no version", "[[shard]]\nname = \"s\"\npath = \"p\"\n", "1: version: missing (the format's version: version = 1)"},
      {"another version", "version = 2\n[[shard]]\nname = \"s\"\npath = \"p\"\n", "1: version: must be between 1 and 1, got 2"},
      {"misspelt option", "version = 1\ntimout_ms = 5\n", "2: timout_ms: unknown field (known: version, timeout_ms, on_shard_failure, retry_ms, shard)"},
      {"no shard", "version = 1\n", "1: shard: needs one or more [[shard]] tables"},
      {"one [shard] table", "version = 1\n[shard]\nname = \"s\"\n", "2: shard: needs one or more [[shard]] tables"},
      {"timeout zero", "version = 1\ntimeout_ms = 0\n", "2: timeout_ms: must be between 1 and 600000, got 0"},
      {"timeout as text", "version = 1\ntimeout_ms = \"2s\"\n", "2: timeout_ms: must be an integer"},
      {"retry zero", "version = 1\nretry_ms = 0\n", "2: retry_ms: must be between 1 and 3600000, got 0"},
      {"retry as text", "version = 1\nretry_ms = \"5s\"\n", "2: retry_ms: must be an integer"},
      {"unknown policy", "version = 1\non_shard_failure = \"ignore\"\n", "2: on_shard_failure: must be \"error\" or \"partial\", got \"ignore\""},
      {"shard without name", "version = 1\n[[shard]]\npath = \"p\"\n", "2: shard[0].name: missing"},
      {"shard name a number", "version = 1\n[[shard]]\nname = 7\n", "3: shard[0].name: must be a string"},
      {"shard name with a space", "version = 1\n[[shard]]\nname = \"e u\"\n",
       "3: shard[0].name: must be 1-64 characters of letters, digits, '-', '_' or '.', got \"e u\""},
      {"two shards named alike", kHead + "path = \"a\"\n[[shard]]\nname = \"s\"\npath = \"b\"\n",
       "6: shard[1].name: \"s\" is already the name of the shard on line 2"},
      {"neither path nor partitions", kHead,
       "2: shard[0]: needs exactly one of path (a local index) or [[shard.partition]] tables (remote partitions)"},
      {"both path and partitions", kHead + "path = \"p\"\n" + kPartition + "address = \"tcp://h:1\"\n",
       "2: shard[0]: needs exactly one of path (a local index) or [[shard.partition]] tables (remote partitions)"},
      {"empty path", kHead + "path = \"\"\n", "4: shard[0].path: must not be empty"},
      {"misspelt shard key", kHead + "paht = \"p\"\n", "4: shard[0].paht: unknown field (known: name, path, partition)"},
      {"partition without address", kHead + kPartition, "4: shard[0].partition[0].address: missing"},
      {"partition without lang", kHead + "[[shard.partition]]\naudience = \"public\"\naddress = \"tcp://h:1\"\n",
       "4: shard[0].partition[0].lang: missing"},
      {"audience that climbs out", kHead + "[[shard.partition]]\naudience = \"..\"\n",
       "5: shard[0].partition[0].audience: must be 1-64 characters of letters, digits, '-', '_' or '.', got \"..\""},
      {"misspelt partition key", kHead + kPartition + "adress = \"tcp://h:1\"\n",
       "7: shard[0].partition[0].adress: unknown field (known: audience, lang, address, replicas)"},
      {"address without scheme", kHead + kPartition + "address = \"h:7001\"\n",
       "7: shard[0].partition[0].address: must start with tcp:// (\"tcp://HOST:PORT\"), got \"h:7001\""},
      {"address without port", kHead + kPartition + "address = \"tcp://h\"\n",
       "7: shard[0].partition[0].address: has no port (\"tcp://HOST:PORT\"), got \"tcp://h\""},
      {"port out of range", kHead + kPartition + "address = \"tcp://h:70000\"\n",
       "7: shard[0].partition[0].address: port must be between 1 and 65535 (\"tcp://HOST:PORT\"), got \"tcp://h:70000\""},
      {"port zero", kHead + kPartition + "address = \"tcp://h:0\"\n",
       "7: shard[0].partition[0].address: port must be between 1 and 65535 (\"tcp://HOST:PORT\"), got \"tcp://h:0\""},
      {"port not a number", kHead + kPartition + "address = \"tcp://h:http\"\n",
       "7: shard[0].partition[0].address: has no valid port (\"tcp://HOST:PORT\"), got \"tcp://h:http\""},
      {"IPv6 without brackets", kHead + kPartition + "address = \"tcp://::1:7001\"\n",
       "7: shard[0].partition[0].address: has no valid host (\"tcp://HOST:PORT\"), got \"tcp://::1:7001\""},
      {"IPv6 brackets not before the port", kHead + kPartition + "address = \"tcp://[::1]7001\"\n",
       "7: shard[0].partition[0].address: an IPv6 host must be in brackets before the port (\"tcp://HOST:PORT\"), got \"tcp://[::1]7001\""},
      {"no host", kHead + kPartition + "address = \"tcp://:7001\"\n",
       "7: shard[0].partition[0].address: has no valid host (\"tcp://HOST:PORT\"), got \"tcp://:7001\""},
      {"address a number", kHead + kPartition + "address = 7001\n",
       "7: shard[0].partition[0].address: must be a string \"tcp://HOST:PORT\""},
      {"replicas not a list", kHead + kPartition + "address = \"tcp://h:1\"\nreplicas = \"tcp://r:1\"\n",
       "8: shard[0].partition[0].replicas: must be an array of \"tcp://HOST:PORT\""},
      {"replica is the partition", kHead + kPartition + "address = \"tcp://h:1\"\nreplicas = [\"tcp://r:1\", \"tcp://h:1\"]\n",
       "8: shard[0].partition[0].replicas[1]: is the partition's own address"},
      {"bad replica", kHead + kPartition + "address = \"tcp://h:1\"\nreplicas = [\"r:1\"]\n",
       "8: shard[0].partition[0].replicas[0]: must start with tcp:// (\"tcp://HOST:PORT\"), got \"r:1\""},
      {"partition twice", kHead + kPartition + "address = \"tcp://h:1\"\n" + kPartition + "address = \"tcp://h:2\"\n",
       "8: shard[0].partition[1]: partition public/en is already in this shard (line 4)"},
  };
  for (const BadFile& f : files) {
    SCOPED_TRACE(f.problem);
    try {
      (void)detail::parse_cluster_description(f.text, kFile);
      ADD_FAILURE() << "accepted";
    } catch (const InvalidArgument& e) {
      const std::string expected = kFile.string() + ":" + f.message;
      const std::string got = e.what();
      // A TOML syntax error ends with toml++'s own description.
      if (f.message.ends_with("invalid TOML: ")) {
        EXPECT_TRUE(got.starts_with(expected)) << got;
      } else {
        EXPECT_EQ(got, expected);
      }
    }
  }
}

TEST(ClusterFile, AFileThatCannotBeReadIsAnIndexError) {
  testing::ScratchDir dir;
  EXPECT_THROW((void)detail::read_cluster_file(dir.path() / "missing.toml"), IndexError);
}

TEST(ClusterFile, ReadsAFileFromDisk) {
  testing::ScratchDir dir;
  const std::filesystem::path file = dir.path() / "cluster.toml";
  std::ofstream(file) << "version = 1\n[[shard]]\nname = \"a\"\npath = \"a\"\n";
  const ClusterDescription cluster = detail::read_cluster_file(file);
  ASSERT_EQ(cluster.shards.size(), 1U);
  EXPECT_EQ(cluster.shards[0].path, dir.path() / "a");
}

}  // namespace
}  // namespace faqsearch
