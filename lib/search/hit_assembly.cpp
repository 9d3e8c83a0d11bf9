#include "search/hit_assembly.h"

#include "index/schema.h"
#include "search/snippet.h"
#include "search/translations.h"

namespace faqsearch::detail {

namespace {

Hit make_hit(Article article, const RankedArticle& entry, std::size_t rank) {
  Hit hit;
  hit.score = entry.weight;
  hit.rank = rank;
  hit.id = std::move(article.id);
  hit.lang = std::move(article.lang);
  hit.title = std::move(article.title);
  hit.url = std::move(article.url);
  hit.category = std::move(article.category);
  hit.section = std::move(article.section);
  hit.tags = std::move(article.tags);
  hit.audience = std::move(article.audience);
  hit.updated_at = std::move(article.updated_at);
  hit.promoted = article.promoted;
  hit.outdated = article.outdated;
  hit.vote_sum = article.vote_sum;
  hit.vote_count = article.vote_count;
  hit.position = article.position;
  return hit;
}

}  // namespace

std::vector<Hit> assemble_hits(Ranking& ranking, const SearchPlan& plan, const PlanQuery& query,
                               const SearchRequest& request, Analyzer& analyzer, RecordDecompressor& decompressor) {
  static const std::unordered_set<std::string> kNoTerms;
  std::vector<Hit> hits;
  hits.reserve(ranking.page.size());
  std::size_t rank = request.offset;
  for (RankedArticle& entry : ranking.page) {
    if (entry.served.did == 0) entry.served = served_translation(plan, entry.did, entry.document);
    if (entry.served.did != entry.did) {  // another translation than the one that matched
      entry.did = entry.served.did;
      entry.document = plan.combined.get_document(entry.did);
      entry.stored.clear();
    }
    const std::string stored = entry.stored.empty() ? entry.document.get_value(kSlotArticle) : std::move(entry.stored);
    Article article = decode_stored_header(stored);
    Snippet title_snippet;
    Snippet body_snippet;
    if (request.snippets) {
      DocumentData data = decode_stored_body(stored, decompressor);
      article.body = std::move(data.body);
      const auto* terms = query.terms_of(article.lang);
      HitSnippets snippets = make_hit_snippets(plan.combined, entry.did, data.token_offsets, article,
                                               terms ? *terms : kNoTerms, request.snippet_bytes, analyzer);
      title_snippet = std::move(snippets.title);
      body_snippet = std::move(snippets.body);
    } else {
      title_snippet.text = article.title;  // no analysis when not asked
    }
    Hit hit = make_hit(std::move(article), entry, rank++);
    hit.fallback = entry.served.fallback;
    hit.translations = other_translations(plan, hit.id, hit.lang);
    hit.title_snippet = std::move(title_snippet);
    hit.snippet = std::move(body_snippet);
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace faqsearch::detail
