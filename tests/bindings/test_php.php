<?php
// The PHP binding (lib/bindings/php) as a PHP store backend uses it: a bulk build in two
// languages, an update, searches with request options, hits printed, failures as exceptions.
// Usage: php test_php.php BUILD/php/faqsearch.php WORK_DIR (FAQSEARCH_LIBRARY and
// FAQSEARCH_HEADER name the built library and the header). Prints "N passed, N failed".
declare(strict_types=1);

require $argv[1];

$passed = 0;
$failed = 0;
function check(bool $ok, string $what): void
{
    global $passed, $failed;
    $ok ? ++$passed : ++$failed;
    if (!$ok) {
        fwrite(STDERR, "FAILED: $what\n");
    }
}

function ids(array $results): string
{
    return implode(' ', array_column($results['hits'], 'id'));
}

$dir = $argv[2] . '/help-index';
exec('rm -rf ' . escapeshellarg($argv[2]));
mkdir($argv[2], 0755, true);

$fs = Faqsearch\Faqsearch::load();
check(preg_match('/^\d+\.\d+\.\d+$/', $fs->version()) === 1, 'version');

$builder = $fs->builder($dir);
foreach ([
    ['id' => 'track-order', 'lang' => 'en', 'title' => 'Where is my order?', 'category' => 'shipping',
     'body' => 'Open the tracking link in your shipping email to see where your parcel is.', 'tags' => ['tracking'],
     'updated_at' => '2026-01-01', 'section' => 'Delivery', 'promoted' => true, 'position' => 2],
    ['id' => 'track-order', 'lang' => 'pl', 'title' => 'Gdzie jest moja paczka?', 'category' => 'shipping',
     'body' => 'Otwórz link do śledzenia przesyłki z e-maila o wysyłce.'],
    ['id' => 'refund-time', 'lang' => 'en', 'title' => 'When do I get my money back?', 'category' => 'returns',
     'body' => 'Refunds reach your account 3 to 5 days after we receive the return.'],
] as $article) {
    $builder->add($article);
}
check($builder->added() === 3, 'added');
$builder->finish();
$builder->close();

$writer = $fs->writer($dir);
$writer->upsert(['id' => 'hours', 'lang' => 'en', 'title' => 'Opening hours', 'body' => 'We answer from 8 to 20.']);
check($writer->pending() === 1, 'pending');
$writer->commit();

$searcher = $fs->searcher($dir);
check($searcher->languages() === ['en', 'pl'], 'languages');
foreach ([  // query, options, expected ids
    ['tracking link', ['languages' => ['en']], 'track-order'],
    ['gdzie jest paczka', ['languages' => ['pl']], 'track-order'],
    ['refund', ['languages' => ['en'], 'categories' => ['returns']], 'refund-time'],
    ['refund', ['languages' => ['en'], 'categories' => ['shipping']], ''],
    ['where', ['languages' => ['en'], 'tags' => ['tracking'], 'limit' => 1], 'track-order'],
    ['hours', ['languages' => ['en'], 'audiences' => ['public'], 'snippets' => false], 'hours'],
    ['parcek', ['languages' => ['en'], 'typo_tolerance' => false, 'prefix_last_word' => false], ''],
] as [$query, $options, $expected]) {
    $results = $searcher->search($query, $options);
    check(ids($results) === $expected, "'$query' gave '" . ids($results) . "', expected '$expected'");
    foreach ($results['hits'] as $hit) {
        printf("%-18s %s [%s] %s\n", $query, $hit['title'], $hit['lang'], $hit['snippet_html']);
    }
}
$hit = $searcher->search('tracking link', ['languages' => ['en'], 'snippet_bytes' => 60])['hits'][0];
check(str_contains($hit['snippet_html'], '<mark>tracking</mark>'), 'snippet html');
[$begin, $end] = $hit['snippet']['highlights'][0];
check(substr($hit['snippet']['text'], $begin, $end - $begin) === 'tracking', 'highlight range');
check($hit['tags'] === ['tracking'] && $hit['category'] === 'shipping' && $hit['rank'] === 0, 'hit fields');
check($hit['section'] === 'Delivery' && $hit['promoted'] && !$hit['outdated'] && $hit['position'] === 2, 'signals');
$sorted = $searcher->search('money back parcel', ['languages' => ['en'], 'sort' => 'updated']);
check(ids($sorted) === 'track-order refund-time', "sorted by recency: '" . ids($sorted) . "'");

foreach ([  // what fails, status, words of the message
    [fn() => $fs->writer($dir), 'FAQSEARCH_INDEX_LOCKED', 'faqsearch_writer_open'],
    [fn() => $searcher->search('x', ['limit' => 0]), 'FAQSEARCH_INVALID_ARGUMENT', 'limit'],
    [fn() => $fs->searcher($argv[2] . '/missing'), 'FAQSEARCH_INDEX_ERROR', 'no faqsearch index'],
    [fn() => $writer->upsert(['lang' => 'en', 'title' => 'no id']), 'FAQSEARCH_INVALID_ARGUMENT', 'id'],
    [fn() => $searcher->search('x', ['colour' => 'red']), 'FAQSEARCH_INVALID_ARGUMENT', 'colour'],
    [fn() => $searcher->search('x', ['sort' => 'newest']), 'FAQSEARCH_INVALID_ARGUMENT', 'newest'],
] as [$action, $status, $words]) {
    try {
        $action();
        check(false, "$status was not thrown");
    } catch (Faqsearch\Error $e) {
        check($e->getStatus() === $status && str_contains($e->getMessage(), $words), "$status: " . $e->getMessage());
    }
}
$writer->close();
$searcher->close();

printf("%d passed, %d failed\n", $passed, $failed);
exit($failed === 0 ? 0 : 1);
