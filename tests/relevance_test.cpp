// Relevance floors: the sample help center's judged queries and the shared evaluation sets.
// Scores are deterministic, so a floor catches any change that loses relevance. Floors sit just
// under today's scores; the relevance work raises them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace faqsearch {
namespace {

using nlohmann::json;

struct Floor {
  const char* dataset;  // "corpus" = our sample help center; otherwise a set under shared/data/eval
  const char* lang;
  double mrr_at_10;
};

class RelevanceFloors : public ::testing::TestWithParam<const char*> {};

json evaluate(const std::string& dataset) {
  const auto path = std::string(dataset) == "corpus" ? testing::source_dir() / "corpus" : testing::eval_dir() / dataset;
  if (!std::filesystem::exists(path)) return {};
  const auto r = testing::run_cli({"eval", "--dataset", path.string(), "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

const std::vector<Floor> kFloors = {
    // The sample help center (corpus/queries.jsonl), every language.
    {"corpus", "en", 0.84}, {"corpus", "pl", 0.87}, {"corpus", "nb", 0.93}, {"corpus", "ar", 0.84},
    {"corpus", "de", 0.99}, {"corpus", "ja", 0.92}, {"corpus", "zh-Hans", 0.85}, {"corpus", "th", 0.90},
    // FAQ paraphrases (closest to shoppers) and XQuAD in twelve languages.
    {"stackfaq", "en", 0.81},
    {"xquad", "ar", 0.90}, {"xquad", "de", 0.92}, {"xquad", "el", 0.88}, {"xquad", "en", 0.95},
    {"xquad", "es", 0.95}, {"xquad", "hi", 0.93}, {"xquad", "ro", 0.95}, {"xquad", "ru", 0.94},
    {"xquad", "th", 0.95}, {"xquad", "tr", 0.90}, {"xquad", "vi", 0.91}, {"xquad", "zh", 0.94},
};

TEST_P(RelevanceFloors, HoldForEveryLanguage) {
  const std::string dataset = GetParam();
  const json result = evaluate(dataset);
  if (result.is_null()) GTEST_SKIP() << dataset << " is not available at " << testing::eval_dir();
  for (const Floor& floor : kFloors) {
    if (dataset != floor.dataset) continue;
    ASSERT_TRUE(result["languages"].contains(floor.lang)) << dataset << " has no " << floor.lang << " queries";
    const double mrr = result["languages"][floor.lang]["mrr@10"].get<double>();
    EXPECT_GE(mrr, floor.mrr_at_10) << dataset << " " << floor.lang;
  }
}

INSTANTIATE_TEST_SUITE_P(Datasets, RelevanceFloors, ::testing::Values("corpus", "stackfaq", "xquad"));

// Every set under shared/data/eval runs through `faqsearch eval --json` and yields a score for
// every language it has.
TEST(EvalSets, EverySharedSetEvaluates) {
  if (!std::filesystem::exists(testing::eval_dir())) GTEST_SKIP() << "no " << testing::eval_dir();
  for (const auto& entry : std::filesystem::directory_iterator(testing::eval_dir())) {
    if (!entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    if (name == "xquad" || name == "stackfaq") continue;  // scored above
    const json result = evaluate(name);
    ASSERT_FALSE(result.is_null()) << name;
    EXPECT_EQ(result["dataset"], name);
    EXPECT_GT(result["overall"]["queries"].get<int>(), 0) << name;
    EXPECT_GT(result["overall"]["mrr@10"].get<double>(), 0.3) << name;
  }
}

}  // namespace
}  // namespace faqsearch
