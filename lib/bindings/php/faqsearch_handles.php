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

    /**
     * Stages giving this shard of a cluster the cluster generation $generation (the same on every
     * shard for one cluster-wide batch, higher than the last), committed with the next commit.
     */
    public function setClusterGeneration(int $generation): void
    {
        $this->fs->check($this->fs->ffi->faqsearch_writer_set_cluster_generation($this->h(), $generation));
    }

    /** The shard's cluster generation as last committed; 0 if it was never given one. */
    public function clusterGeneration(): int
    {
        $out = $this->fs->ffi->new('uint64_t');
        $this->fs->check($this->fs->ffi->faqsearch_writer_cluster_generation($this->h(), \FFI::addr($out)));
        return $out->cdata;
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

/** faqsearch::QueryLog: the opt-in query log searches are recorded in (Searcher::search's 'log'). */
final class QueryLog extends Handle
{
    public function __construct(Faqsearch $fs, string $file)
    {
        parent::__construct($fs, 'faqsearch_query_log_free');
        $handle = $fs->ffi->new('faqsearch_query_log*');
        $fs->check($fs->ffi->faqsearch_query_log_open($file, \FFI::addr($handle)));
        $this->handle = $handle;
    }

    /** The message of the first failed write (a full disk...), '' while every write succeeded. */
    public function error(): string
    {
        $out = $this->fs->ffi->new('char*');
        $this->fs->check($this->fs->ffi->faqsearch_query_log_error($this->h(), \FFI::addr($out)));
        try {
            return \FFI::string($out);
        } finally {
            $this->fs->ffi->faqsearch_string_free($out);
        }
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
        'fallback' => 'fallback', 'facets' => 'facets', 'corrections' => 'corrections', 'diagnose' => 'diagnose'];
    private const SORTS = ['relevance' => 0, 'updated' => 1, 'position' => 2];

    private Reader $reader;

    public function __construct(Faqsearch $fs, string $dir)
    {
        parent::__construct($fs, 'faqsearch_searcher_free');
        $this->reader = new Reader($fs);
        $handle = $fs->ffi->new('faqsearch_searcher*');
        $fs->check($fs->ffi->faqsearch_searcher_open($dir, null, \FFI::addr($handle)));
        $this->handle = $handle;
    }

    /**
     * Runs a search. $options: the fields of faqsearch::SearchRequest (languages, categories,
     * tags, audiences, sections, hit_languages as lists; offset, limit, snippet_bytes as ints;
     * snippets, typo_tolerance, prefix_last_word, fallback, facets, corrections, diagnose as
     * bools; sort as 'relevance', 'updated' or 'position'). Returns
     * ['total' => int, 'languages' => [searched], 'hits' => [hit arrays], 'facets' => [field =>
     * [value => articles]], 'did_you_mean' => null or ['query' => corrected query, 'changed' =>
     * [[begin, end] byte ranges of it that replace what was typed]], 'diagnosis' => null or
     * ['reason' => 'other_languages'|'filtered'|'only_stop_words'|'correction'|'nothing',
     * 'fallback_only' => bool, 'other_languages' => [lang => articles], 'filters' => [field]],
     * 'unavailable_shards' => [names of a cluster's shards that did not answer: partial results],
     * 'generations_differ' => bool (a cluster's shards were at different cluster generations)];
     * a hit has the article's fields, fallback, translations, score, rank, title_html and
     * snippet_html, and snippet (text and byte-range highlights). did_you_mean is looked for when
     * words of the query are in no visible article; diagnosis says why nothing, or only
     * fallbacks, were found. Option 'log': a QueryLog (Faqsearch::queryLog) that records the search.
     */
    public function search(string $query, array $options = []): array
    {
        $log = $options['log'] ?? null;
        unset($options['log']);
        if ($log !== null && !$log instanceof QueryLog) {
            throw new Error('faqsearch: the log option must be a Faqsearch\\QueryLog', 1, 'FAQSEARCH_INVALID_ARGUMENT');
        }
        $logHandle = $log?->h();  // a closed log fails before anything is made
        $results = $this->run(['query' => $query] + $options, function (\FFI\CData $request, \FFI\CData $out) use ($logHandle) {
            $ffi = $this->fs->ffi;
            $status = $ffi->faqsearch_searcher_search($this->h(), $request, $out);
            if ($status === 0 && $logHandle !== null) {
                $status = $ffi->faqsearch_query_log_record($logHandle, $request, $out[0]);
                if ($status !== 0) {
                    $ffi->faqsearch_results_free($out[0]);
                }
            }
            return $status;
        });
        try {
            return $this->reader->results($results);
        } finally {
            $this->fs->ffi->faqsearch_results_free($results);
        }
    }

    /**
     * Search-box suggestions for what the box holds, $text (faqsearch::Searcher::suggest).
     * $options: languages (empty: every visible one) and audiences as lists; completions and
     * titles, the most of each wanted (0..50, default 5). Returns ['completions' => [['word' =>
     * completed last word, 'query' => the text with it, 'articles' => visible articles with the
     * word], ...] (most frequent first), 'titles' => [hit arrays] (title_html marks the matched
     * words; no body snippet)].
     */
    public function suggest(string $text, array $options = []): array
    {
        $counts = ['completions' => 5, 'titles' => 5];
        foreach ($options as $name => $value) {
            if (isset($counts[$name])) {
                $counts[$name] = (int) $value;
                unset($options[$name]);
            } elseif ($name !== 'languages' && $name !== 'audiences') {
                throw new Error("faqsearch: unknown suggest option '$name'", 1, 'FAQSEARCH_INVALID_ARGUMENT');
            }
        }
        $ffi = $this->fs->ffi;
        $suggestions = $this->run($options, fn(\FFI\CData $request, \FFI\CData $out) => $ffi->faqsearch_searcher_suggest(
            $this->h(), $text, $request, $counts['completions'], $counts['titles'], $out), 'faqsearch_suggestions*');
        try {
            return $this->reader->suggestions($suggestions);
        } finally {
            $ffi->faqsearch_suggestions_free($suggestions);
        }
    }

    /**
     * Articles related to article $id (faqsearch::Searcher::related), best first, as hit arrays:
     * never the article itself or its translations. $options: those of search() but the query
     * (languages with the fallback, audiences, filters, offset, limit, snippets). $coverage, if
     * given, receives ['unavailable_shards' => [names of a cluster's shards that did not answer:
     * the list is partial], 'generations_differ' => bool], as search() reports them. Throws Error
     * (FAQSEARCH_INVALID_ARGUMENT) when no article $id is visible to the audiences.
     */
    public function related(string $id, array $options = [], ?array &$coverage = null): array
    {
        if (isset($options['query'])) {
            throw new Error("faqsearch: related() takes no query: the article's own terms are the query", 1,
                'FAQSEARCH_INVALID_ARGUMENT');
        }
        $results = $this->run($options,
            fn(\FFI\CData $request, \FFI\CData $out) => $this->fs->ffi->faqsearch_searcher_related($this->h(), $id, $request, $out));
        try {
            $coverage = $this->reader->coverage($results);
            return $this->reader->hits($results);
        } finally {
            $this->fs->ffi->faqsearch_results_free($results);
        }
    }

    /**
     * Builds a C request from $options, calls $call(request, address of the answer) and returns
     * the answer (a $type the caller frees); the request is freed whatever happens.
     */
    private function run(array $options, \Closure $call, string $type = 'faqsearch_results*'): \FFI\CData
    {
        $ffi = $this->fs->ffi;
        $request = $ffi->new('faqsearch_request*');
        $this->fs->check($ffi->faqsearch_request_new(\FFI::addr($request)));
        try {
            $this->apply($request, $options);
            $out = $ffi->new($type);
            $this->fs->check($call($request, \FFI::addr($out)));
            return $out;
        } finally {
            $ffi->faqsearch_request_free($request);
        }
    }

    private function apply(\FFI\CData $request, array $options): void
    {
        $ffi = $this->fs->ffi;
        foreach ($options as $name => $value) {
            if ($name === 'query') {
                $this->fs->check($ffi->faqsearch_request_set_query($request, (string) $value));
            } elseif (isset(self::LISTS[$name])) {
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
