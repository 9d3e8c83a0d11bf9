<?php
// faqsearch from PHP: copies what the C API hands out (results, hits, snippets, did-you-mean,
// diagnosis, suggestions) into PHP arrays. The C objects stay owned by the caller (Searcher),
// which frees them once read: nothing returned here points into them.
declare(strict_types=1);

namespace Faqsearch;

/** Reads C results and suggestions into arrays (see Searcher for their shapes). */
final class Reader
{
    private const FACETS = ['category' => 0, 'section' => 1, 'tag' => 2, 'lang' => 3];

    public function __construct(private Faqsearch $fs)
    {
    }

    /** The whole of search results: total, languages, hits, facets, did_you_mean, diagnosis,
     * unavailable_shards, generations_differ. */
    public function results(\FFI\CData $results): array
    {
        return [
            'total' => $this->size('faqsearch_results_total', $results), 'languages' => $this->languages($results),
            'hits' => $this->hits($results), 'facets' => $this->facets($results),
            'did_you_mean' => $this->didYouMean($results), 'diagnosis' => $this->diagnosis($results),
        ] + $this->coverage($results);
    }

    /** What a cluster's results cover: ['unavailable_shards' => [...], 'generations_differ' => bool]. */
    public function coverage(\FFI\CData $results): array
    {
        return ['unavailable_shards' => $this->unavailableShards($results),
                'generations_differ' => $this->generationsDiffer($results)];
    }

    /** Whether a cluster's shards were at different cluster generations (the hits may mix two batches). */
    private function generationsDiffer(\FFI\CData $results): bool
    {
        $differ = $this->fs->ffi->new('int');
        $this->fs->check($this->fs->ffi->faqsearch_results_generations_differ($results, \FFI::addr($differ)));
        return $differ->cdata !== 0;
    }

    /** The names of a cluster's shards that did not answer (partial results); [] when all did. */
    private function unavailableShards(\FFI\CData $results): array
    {
        $shards = [];
        for ($i = 0, $n = $this->size('faqsearch_results_unavailable_shards', $results); $i < $n; ++$i) {
            $name = $this->fs->ffi->new('const char*');
            $this->fs->check($this->fs->ffi->faqsearch_results_unavailable_shard($results, $i, \FFI::addr($name)));
            $shards[] = \FFI::string($name);
        }
        return $shards;
    }

    /** The hits of C results, in order. */
    public function hits(\FFI\CData $results): array
    {
        $hits = [];
        for ($i = 0, $n = $this->size('faqsearch_results_count', $results); $i < $n; ++$i) {
            $hit = $this->fs->ffi->new('const faqsearch_hit*');
            $this->fs->check($this->fs->ffi->faqsearch_results_hit($results, $i, \FFI::addr($hit)));
            $hits[] = $this->hit($hit);
        }
        return $hits;
    }

    /** ['completions' => [['word', 'query', 'articles'], ...], 'titles' => [hit arrays]]. */
    public function suggestions(\FFI\CData $suggestions): array
    {
        $ffi = $this->fs->ffi;
        $completions = [];
        for ($i = 0, $n = $this->size('faqsearch_suggestions_completion_count', $suggestions); $i < $n; ++$i) {
            $c = $ffi->new('const faqsearch_completion*');
            $this->fs->check($ffi->faqsearch_suggestions_completion($suggestions, $i, \FFI::addr($c)));
            $completions[] = ['word' => \FFI::string($c->word), 'query' => \FFI::string($c->query),
                'articles' => $c->articles];
        }
        $titles = [];
        for ($i = 0, $n = $this->size('faqsearch_suggestions_title_count', $suggestions); $i < $n; ++$i) {
            $hit = $ffi->new('const faqsearch_hit*');
            $this->fs->check($ffi->faqsearch_suggestions_title($suggestions, $i, \FFI::addr($hit)));
            $titles[] = $this->hit($hit);
        }
        return ['completions' => $completions, 'titles' => $titles];
    }

    /** ['query' => corrected, 'changed' => [[begin, end] byte ranges of query]], or null. */
    private function didYouMean(\FFI\CData $results): ?array
    {
        $ffi = $this->fs->ffi;
        $query = $ffi->new('const char*');
        $changed = $ffi->new('const faqsearch_range*');
        $count = $ffi->new('size_t');
        $this->fs->check($ffi->faqsearch_results_did_you_mean($results, \FFI::addr($query), \FFI::addr($changed),
            \FFI::addr($count)));
        if (\FFI::isNull($query)) {
            return null;
        }
        $ranges = [];
        for ($i = 0; $i < $count->cdata; ++$i) {
            $ranges[] = [$changed[$i]->begin, $changed[$i]->end];
        }
        return ['query' => \FFI::string($query), 'changed' => $ranges];
    }

    /**
     * ['reason' => 'other_languages'|'filtered'|'only_stop_words'|'correction'|'nothing',
     *  'fallback_only' => bool, 'other_languages' => [lang => articles], 'filters' => [field]],
     * or null when the results have none.
     */
    private function diagnosis(\FFI\CData $results): ?array
    {
        $ffi = $this->fs->ffi;
        [$present, $reason, $fallbackOnly] = [$ffi->new('int'), $ffi->new('int'), $ffi->new('int')];
        $this->fs->check($ffi->faqsearch_results_diagnosis($results, \FFI::addr($present), \FFI::addr($reason),
            \FFI::addr($fallbackOnly)));
        if ($present->cdata === 0) {
            return null;
        }
        $languages = [];
        for ($i = 0, $n = $this->size('faqsearch_results_diagnosis_language_count', $results); $i < $n; ++$i) {
            $lang = $ffi->new('const char*');
            $articles = $ffi->new('size_t');
            $this->fs->check($ffi->faqsearch_results_diagnosis_language($results, $i, \FFI::addr($lang),
                \FFI::addr($articles)));
            $languages[\FFI::string($lang)] = $articles->cdata;
        }
        $filters = [];
        for ($i = 0, $n = $this->size('faqsearch_results_diagnosis_filter_count', $results); $i < $n; ++$i) {
            $filter = $ffi->new('const char*');
            $this->fs->check($ffi->faqsearch_results_diagnosis_filter($results, $i, \FFI::addr($filter)));
            $filters[] = \FFI::string($filter);
        }
        return ['reason' => $ffi->faqsearch_empty_reason_name($reason->cdata), 'fallback_only' => $fallbackOnly->cdata !== 0,
            'other_languages' => $languages, 'filters' => $filters];
    }

    private function languages(\FFI\CData $results): array
    {
        $languages = [];
        for ($i = 0, $n = $this->size('faqsearch_results_languages', $results); $i < $n; ++$i) {
            $lang = $this->fs->ffi->new('const char*');
            $this->fs->check($this->fs->ffi->faqsearch_results_language($results, $i, \FFI::addr($lang)));
            $languages[] = \FFI::string($lang);
        }
        return $languages;
    }

    private function facets(\FFI\CData $results): array
    {
        $ffi = $this->fs->ffi;
        $facets = [];
        foreach (self::FACETS as $name => $field) {
            $count = $ffi->new('size_t');
            $this->fs->check($ffi->faqsearch_results_facet_count($results, $field, \FFI::addr($count)));
            $facets[$name] = [];
            for ($i = 0; $i < $count->cdata; ++$i) {
                $value = $ffi->new('const char*');
                $articles = $ffi->new('size_t');
                $this->fs->check($ffi->faqsearch_results_facet($results, $field, $i, \FFI::addr($value), \FFI::addr($articles)));
                $facets[$name][\FFI::string($value)] = $articles->cdata;
            }
        }
        return $facets;
    }

    private function hit(\FFI\CData $hit): array
    {
        return [
            'id' => \FFI::string($hit->id), 'lang' => \FFI::string($hit->lang),
            'title' => \FFI::string($hit->title), 'url' => \FFI::string($hit->url),
            'category' => \FFI::string($hit->category), 'tags' => $this->strings($hit->tags, $hit->tag_count),
            'audience' => \FFI::string($hit->audience), 'updated_at' => \FFI::string($hit->updated_at),
            'score' => $hit->score, 'rank' => $hit->rank,
            'title_html' => $this->html($hit->title_snippet), 'snippet_html' => $this->html($hit->snippet),
            'snippet' => $this->snippet($hit->snippet),
            'section' => \FFI::string($hit->section), 'fallback' => $hit->fallback !== 0,
            'translations' => $this->strings($hit->translations, $hit->translation_count),
            'promoted' => $hit->promoted !== 0, 'outdated' => $hit->outdated !== 0,
            'vote_sum' => $hit->vote_sum, 'vote_count' => $hit->vote_count, 'position' => $hit->position,
        ];
    }

    private function strings(?\FFI\CData $array, int $count): array
    {
        $out = [];
        for ($i = 0; $i < $count; ++$i) {
            $out[] = \FFI::string($array[$i]);
        }
        return $out;
    }

    private function html(\FFI\CData $snippet): string
    {
        $out = $this->fs->ffi->new('char*');
        $this->fs->check($this->fs->ffi->faqsearch_snippet_html(\FFI::addr($snippet), null, null, \FFI::addr($out)));
        try {
            return \FFI::string($out);
        } finally {
            $this->fs->ffi->faqsearch_string_free($out);
        }
    }

    private function snippet(\FFI\CData $snippet): array
    {
        $highlights = [];
        for ($k = 0; $k < $snippet->highlight_count; ++$k) {
            $highlights[] = [$snippet->highlights[$k]->begin, $snippet->highlights[$k]->end];
        }
        $text = $snippet->text_bytes > 0 ? \FFI::string($snippet->text, $snippet->text_bytes) : '';
        return ['text' => $text, 'highlights' => $highlights];
    }

    /** Calls a C function that writes a size_t through its last parameter. */
    private function size(string $function, \FFI\CData $handle): int
    {
        $out = $this->fs->ffi->new('size_t');
        $this->fs->check($this->fs->ffi->$function($handle, \FFI::addr($out)));
        return $out->cdata;
    }
}
