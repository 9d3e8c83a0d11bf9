// The analyzer: one pipeline for index terms, query terms and snippet highlights. It keeps a
// LanguagePipeline (language_pipeline.h: the stages, in order) per language row, made on the
// first text of that language, and the scratch buffers and dictionary hooks they share.
#include "faqsearch/analyzer.h"

#include <string>
#include <unordered_map>
#include <utility>

#include "analysis/dictionary_stemmer.h"
#include "analysis/han_reading.h"
#include "analysis/language_pipeline.h"
#include "analysis/language_table.h"
#include "analysis/lemma_hooks.h"

namespace faqsearch {

struct Analyzer::Impl {
  AnalysisOptions options;
  detail::LemmaSources lemma_sources;  // the hooks (lemma_hooks.h)
  std::unordered_map<const detail::LanguageRow*, std::unique_ptr<detail::LanguagePipeline>> pipelines;
  std::unordered_map<std::string, detail::LanguagePipeline*> pipeline_by_tag;  // tags as callers spell them
  detail::HanReader han_reader;
  detail::AnalysisScratch scratch;

  explicit Impl(AnalysisOptions opts) : options(std::move(opts)) {
    lemma_sources.hunspell_directory = options.hunspell_directory;
  }

  detail::LanguagePipeline& pipeline_for(std::string_view lang);
};

detail::LanguagePipeline& Analyzer::Impl::pipeline_for(std::string_view lang) {
  if (auto it = pipeline_by_tag.find(std::string(lang)); it != pipeline_by_tag.end()) return *it->second;
  const detail::LanguageRow& row = detail::find_language_row(lang);
  auto& slot = pipelines[&row];
  if (!slot) slot = std::make_unique<detail::LanguagePipeline>(row, options, lemma_sources);
  pipeline_by_tag.emplace(std::string(lang), slot.get());
  return *slot;
}

Analyzer::Analyzer(AnalysisOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::vector<Token> Analyzer::analyze(std::string_view text, std::string_view lang) {
  if (text.empty()) return {};
  detail::LanguagePipeline& pipeline = impl_->pipeline_for(lang);
  impl_->lemma_sources.lang = lang;
  impl_->scratch.text.decode(text);
  return pipeline.analyze(text, impl_->scratch);
}

const AnalysisOptions& Analyzer::options() const noexcept { return impl_->options; }

std::string Analyzer::stemmer_in_use(std::string_view lang) { return impl_->pipeline_for(lang).stemmer().name(); }

}  // namespace faqsearch

namespace faqsearch::detail {

void AnalyzerHooks::set_lemma_table(Analyzer& analyzer, LemmaTable* table, UnseenWords unseen) {
  analyzer.impl_->lemma_sources.table = table;
  analyzer.impl_->lemma_sources.unseen_words = unseen;
}

UnseenWords AnalyzerHooks::set_unseen_words(Analyzer& analyzer, UnseenWords unseen) {
  return std::exchange(analyzer.impl_->lemma_sources.unseen_words, unseen);
}

void AnalyzerHooks::set_lemma_recorder(Analyzer& analyzer, LemmaRecorder* recorder) {
  analyzer.impl_->lemma_sources.recorder = recorder;
}

std::string AnalyzerHooks::han_reading(Analyzer& analyzer, std::string_view han) {
  return analyzer.impl_->han_reader.reading(han);
}

std::optional<bool> AnalyzerHooks::spells(Analyzer& analyzer, std::string_view word, std::string_view lang) {
  const LanguagePipeline& pipeline = analyzer.impl_->pipeline_for(lang);
  const std::string_view dictionary = pipeline.row().spelling;
  if (dictionary.empty()) return std::nullopt;
  LemmaSources& sources = analyzer.impl_->lemma_sources;
  const DiacriticFolding& folding = pipeline.folding();
  return sources.dictionaries->spells(dictionary, sources.hunspell_directory,
                                      [&folding](std::string_view letters) { return folding.fold(letters); }, word);
}

std::u32string AnalyzerHooks::spelling_letters(Analyzer& analyzer, std::string_view lang) {
  const LanguagePipeline& pipeline = analyzer.impl_->pipeline_for(lang);
  const std::string_view dictionary = pipeline.row().spelling;
  if (dictionary.empty()) return {};
  LemmaSources& sources = analyzer.impl_->lemma_sources;
  const DiacriticFolding& folding = pipeline.folding();
  return sources.dictionaries->letters(dictionary, sources.hunspell_directory,
                                       [&folding](std::string_view letters) { return folding.fold(letters); });
}

void AnalyzerHooks::share_dictionaries(Analyzer& analyzer, SharedDictionaries* dictionaries) {
  LemmaSources& sources = analyzer.impl_->lemma_sources;
  sources.dictionaries = dictionaries != nullptr ? dictionaries : &sources.own_dictionaries;
}

}  // namespace faqsearch::detail
