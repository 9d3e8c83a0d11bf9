#include "peers/engine.h"

namespace faqsearch::bench::peers {

std::vector<std::string> engine_names() { return {"faqsearch", "xapian", "fts5", "lucenepp"}; }

std::unique_ptr<PeerEngine> make_engine(std::string_view name) {
  if (name == "faqsearch") return make_faqsearch_engine();
  if (name == "faqsearch-nopairs") return make_faqsearch_engine({.name = "faqsearch-nopairs", .word_pairs = false});
  if (name == "faqsearch-lean") return make_faqsearch_engine({.name = "faqsearch-lean", .help_center = false});
  if (name == "faqsearch-bare") {
    return make_faqsearch_engine({.name = "faqsearch-bare", .help_center = false, .discovery = false});
  }
  if (name == "xapian") return make_xapian_engine();
  if (name == "fts5") return make_fts5_engine();
  if (name == "lucenepp") return make_lucenepp_engine();
  return nullptr;
}

}  // namespace faqsearch::bench::peers
