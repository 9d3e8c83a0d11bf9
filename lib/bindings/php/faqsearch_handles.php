<?php
// faqsearch from PHP: the C API's handles (see faqsearch.php). Each frees its C handle when it is
// destroyed or close()d; a closed one throws Error.
declare(strict_types=1);

namespace Faqsearch;

/** What Writer, Builder and Searcher share: one C handle and its free function. */
abstract class Handle
{
    protected ?\FFI\CData $handle = null;

    protected function __construct(protected Faqsearch $fs, private string $free)
    {
    }

    /** Frees the C handle now (a Writer or Builder releases the index's lock). */
    public function close(): void
    {
        if ($this->handle !== null) {
            $this->fs->ffi->{$this->free}($this->handle);
            $this->handle = null;
        }
    }

    public function __destruct()
    {
        $this->close();
    }

    protected function h(): \FFI\CData
    {
        if ($this->handle === null) {
            throw new Error(static::class . ' is closed', 1, 'FAQSEARCH_INVALID_ARGUMENT');
        }
        return $this->handle;
    }

    /** Calls a C function returning a size_t through its last parameter. */
    protected function size(string $function): int
    {
        $out = $this->fs->ffi->new('size_t');
        $this->fs->check($this->fs->ffi->$function($this->h(), \FFI::addr($out)));
        return $out->cdata;
    }
}

/** faqsearch::IndexWriter: atomic batches of upserts and removals. Not thread-safe. */
final class Writer extends Handle
{
    private const MODES = ['create_or_open' => 0, 'create' => 1, 'open' => 2];

    public function __construct(Faqsearch $fs, string $dir, string $mode)
    {
        parent::__construct($fs, 'faqsearch_writer_free');
        if (!isset(self::MODES[$mode])) {
            throw new Error("faqsearch: mode '$mode' is not one of " . implode(', ', array_keys(self::MODES)), 1, 'FAQSEARCH_INVALID_ARGUMENT');
        }
        $handle = $fs->ffi->new('faqsearch_writer*');
        $fs->check($fs->ffi->faqsearch_writer_open($dir, self::MODES[$mode], null, \FFI::addr($handle)));
        $this->handle = $handle;
    }

    /** Stages adding $article (keys of faqsearch::Article), replacing the same id and lang. */
    public function upsert(array $article): void
    {
        $keep = [];
        $c = $this->fs->article($article, $keep);
        $this->fs->check($this->fs->ffi->faqsearch_writer_upsert($this->h(), \FFI::addr($c)));
    }

    /** Stages deleting the article ($id, $lang). */
    public function remove(string $id, string $lang): void
    {
        $this->fs->check($this->fs->ffi->faqsearch_writer_remove($this->h(), $id, $lang));
    }

    /** Stages replacing the synonyms with those of $text (the synonyms file format). */
    public function setSynonyms(string $text): void
    {
        $this->fs->check($this->fs->ffi->faqsearch_writer_set_synonyms($this->h(), $text));
    }

    /** The number of staged changes. */
    public function pending(): int
    {
        return $this->size('faqsearch_writer_pending');
    }

    /** Applies every staged change atomically and durably. */
    public function commit(): void
    {
        $this->fs->check($this->fs->ffi->faqsearch_writer_commit($this->h()));
    }

    /** Discards every staged change. */
    public function rollback(): void
    {
        $this->fs->check($this->fs->ffi->faqsearch_writer_rollback($this->h()));
    }

    /** Commits, then rewrites the index compactly. */
    public function compact(): void
    {
        $this->fs->check($this->fs->ffi->faqsearch_writer_compact($this->h()));
    }
}

/** faqsearch::IndexBuilder: a new index in bulk, all or nothing. Not thread-safe. */
final class Builder extends Handle
{
    public function __construct(Faqsearch $fs, string $dir)
    {
        parent::__construct($fs, 'faqsearch_builder_free');
        $handle = $fs->ffi->new('faqsearch_builder*');
        $fs->check($fs->ffi->faqsearch_builder_create($dir, null, 0, \FFI::addr($handle)));
        $this->handle = $handle;
    }

    /** Adds $article (as Writer::upsert takes it). */
    public function add(array $article): void
    {
        $keep = [];
        $c = $this->fs->article($article, $keep);
        $this->fs->check($this->fs->ffi->faqsearch_builder_add($this->h(), \FFI::addr($c)));
    }

    /** Sets the new index's synonyms (the synonyms file format). */
    public function setSynonyms(string $text): void
    {
        $this->fs->check($this->fs->ffi->faqsearch_builder_set_synonyms($this->h(), $text));
    }

    /** Articles accepted so far. */
    public function added(): int
    {
        return $this->size('faqsearch_builder_added');
    }

    /** Publishes the whole build. */
    public function finish(): void
    {
        $this->fs->check($this->fs->ffi->faqsearch_builder_finish($this->h()));
    }
}

/** faqsearch::Searcher. Not thread-safe: one per request or thread. */
final class Searcher extends Handle
{
    private const LISTS = ['languages' => 0, 'categories' => 1, 'tags' => 2, 'audiences' => 3, 'sections' => 4,
        'hit_languages' => 5];
    private const SETTERS = ['offset' => 'offset', 'limit' => 'limit', 'snippets' => 'snippets',
        'snippet_bytes' => 'snippet_bytes', 'typo_tolerance' => 'typo_tolerance', 'prefix_last_word' => 'prefix_last_word',
        'fallback' => 'fallback', 'facets' => 'facets'];
    private const FACETS = ['category' => 0, 'section' => 1, 'tag' => 2, 'lang' => 3];
    private const SORTS = ['relevance' => 0, 'updated' => 1, 'position' => 2];

    public function __construct(Faqsearch $fs, string $dir)
    {
        parent::__construct($fs, 'faqsearch_searcher_free');
        $handle = $fs->ffi->new('faqsearch_searcher*');
        $fs->check($fs->ffi->faqsearch_searcher_open($dir, null, \FFI::addr($handle)));
        $this->handle = $handle;
    }

    /**
     * Runs a search. $options: the fields of faqsearch::SearchRequest (languages, categories,
     * tags, audiences, sections, hit_languages as lists; offset, limit, snippet_bytes as ints;
     * snippets, typo_tolerance, prefix_last_word, fallback, facets as bools; sort as 'relevance',
     * 'updated' or 'position'). Returns
     * ['total' => int, 'languages' => [searched], 'hits' => [hit arrays], 'facets' => [field =>
     * [value => articles]]]; a hit has the article's fields, fallback, translations, score, rank,
     * title_html and snippet_html, and snippet (text and byte-range highlights).
     */
    public function search(string $query, array $options = []): array
    {
        $ffi = $this->fs->ffi;
        $request = $ffi->new('faqsearch_request*');
        $this->fs->check($ffi->faqsearch_request_new(\FFI::addr($request)));
        try {
            $this->fs->check($ffi->faqsearch_request_set_query($request, $query));
            $this->apply($request, $options);
            $results = $ffi->new('faqsearch_results*');
            $this->fs->check($ffi->faqsearch_searcher_search($this->h(), $request, \FFI::addr($results)));
        } finally {
            $ffi->faqsearch_request_free($request);
        }
        try {
            return $this->read($results);
        } finally {
            $ffi->faqsearch_results_free($results);
        }
    }

    private function apply(\FFI\CData $request, array $options): void
    {
        $ffi = $this->fs->ffi;
        foreach ($options as $name => $value) {
            if (isset(self::LISTS[$name])) {
                $this->fs->check($ffi->faqsearch_request_clear($request, self::LISTS[$name]));
                foreach ((array) $value as $item) {
                    $this->fs->check($ffi->faqsearch_request_add($request, self::LISTS[$name], (string) $item));
                }
            } elseif ($name === 'sort') {
                if (!isset(self::SORTS[$value])) {
                    throw new Error("faqsearch: unknown sort '$value' (relevance, updated or position)", 1,
                        'FAQSEARCH_INVALID_ARGUMENT');
                }
                $this->fs->check($ffi->faqsearch_request_set_sort($request, self::SORTS[$value]));
            } elseif (isset(self::SETTERS[$name])) {
                $this->fs->check($ffi->{'faqsearch_request_set_' . self::SETTERS[$name]}($request, (int) $value));
            } else {
                throw new Error("faqsearch: unknown search option '$name'", 1, 'FAQSEARCH_INVALID_ARGUMENT');
            }
        }
    }

    private function read(\FFI\CData $results): array
    {
        $ffi = $this->fs->ffi;
        $total = $ffi->new('size_t');
        $count = $ffi->new('size_t');
        $this->fs->check($ffi->faqsearch_results_total($results, \FFI::addr($total)));
        $this->fs->check($ffi->faqsearch_results_count($results, \FFI::addr($count)));
        $hits = [];
        for ($i = 0; $i < $count->cdata; ++$i) {
            $hit = $ffi->new('const faqsearch_hit*');
            $this->fs->check($ffi->faqsearch_results_hit($results, $i, \FFI::addr($hit)));
            $tags = [];
            for ($t = 0; $t < $hit->tag_count; ++$t) {
                $tags[] = \FFI::string($hit->tags[$t]);
            }
            $translations = [];
            for ($t = 0; $t < $hit->translation_count; ++$t) {
                $translations[] = \FFI::string($hit->translations[$t]);
            }
            $hits[] = [
                'id' => \FFI::string($hit->id), 'lang' => \FFI::string($hit->lang),
                'title' => \FFI::string($hit->title), 'url' => \FFI::string($hit->url),
                'category' => \FFI::string($hit->category), 'tags' => $tags,
                'audience' => \FFI::string($hit->audience), 'updated_at' => \FFI::string($hit->updated_at),
                'score' => $hit->score, 'rank' => $hit->rank,
                'title_html' => $this->html($hit->title_snippet), 'snippet_html' => $this->html($hit->snippet),
                'snippet' => $this->snippet($hit->snippet),
                'section' => \FFI::string($hit->section), 'fallback' => $hit->fallback !== 0,
                'translations' => $translations,
                'promoted' => $hit->promoted !== 0, 'outdated' => $hit->outdated !== 0,
                'vote_sum' => $hit->vote_sum, 'vote_count' => $hit->vote_count, 'position' => $hit->position,
            ];
        }
        $languages = [];
        $this->fs->check($ffi->faqsearch_results_languages($results, \FFI::addr($count)));
        for ($i = 0; $i < $count->cdata; ++$i) {
            $lang = $ffi->new('const char*');
            $this->fs->check($ffi->faqsearch_results_language($results, $i, \FFI::addr($lang)));
            $languages[] = \FFI::string($lang);
        }
        $facets = [];
        foreach (self::FACETS as $name => $field) {
            $this->fs->check($ffi->faqsearch_results_facet_count($results, $field, \FFI::addr($count)));
            $facets[$name] = [];
            for ($i = 0; $i < $count->cdata; ++$i) {
                $value = $ffi->new('const char*');
                $articles = $ffi->new('size_t');
                $this->fs->check($ffi->faqsearch_results_facet($results, $field, $i, \FFI::addr($value), \FFI::addr($articles)));
                $facets[$name][\FFI::string($value)] = $articles->cdata;
            }
        }
        return ['total' => $total->cdata, 'languages' => $languages, 'hits' => $hits, 'facets' => $facets];
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

    /** Languages present in the index, sorted. */
    public function languages(): array
    {
        $count = $this->size('faqsearch_searcher_languages');
        $languages = [];
        for ($i = 0; $i < $count; ++$i) {
            $lang = $this->fs->ffi->new('const char*');
            $this->fs->check($this->fs->ffi->faqsearch_searcher_language($this->h(), $i, \FFI::addr($lang)));
            $languages[] = \FFI::string($lang);
        }
        return $languages;
    }

    /** Makes the next search see the latest commit (searches do it when needed). */
    public function reopen(): void
    {
        $this->fs->check($this->fs->ffi->faqsearch_searcher_reopen($this->h()));
    }
}
