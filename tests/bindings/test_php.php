<?php
// The PHP binding (lib/bindings/php) as a PHP store backend uses it: a bulk build in two
// languages, an update, searches with request options, hits printed, failures as exceptions;
// then did-you-mean, diagnosis, suggestions and related articles on a second index.
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

/** Each row [action, status, words]: the action throws Faqsearch\Error with that status and words. */
function expect_failures(array $rows): void
{
    foreach ($rows as [$action, $status, $words]) {
        try {
            $action();
            check(false, "$words: $status was not thrown");
        } catch (Faqsearch\Error $e) {
            check($e->getStatus() === $status && str_contains($e->getMessage(), $words), "$status: " . $e->getMessage());
        }
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

expect_failures([  // what fails, status, words of the message
    [fn() => $fs->writer($dir), 'FAQSEARCH_INDEX_LOCKED', 'faqsearch_writer_open'],
    [fn() => $searcher->search('x', ['limit' => 0]), 'FAQSEARCH_INVALID_ARGUMENT', 'limit'],
    [fn() => $fs->searcher($argv[2] . '/missing'), 'FAQSEARCH_INDEX_ERROR', 'no faqsearch index'],
    [fn() => $writer->upsert(['lang' => 'en', 'title' => 'no id']), 'FAQSEARCH_INVALID_ARGUMENT', 'id'],
    [fn() => $searcher->search('x', ['colour' => 'red']), 'FAQSEARCH_INVALID_ARGUMENT', 'colour'],
    [fn() => $searcher->search('x', ['sort' => 'newest']), 'FAQSEARCH_INVALID_ARGUMENT', 'newest'],
]);
$writer->close();
$searcher->close();

// Discovery: did-you-mean, diagnosis, suggestions, related articles, on an index of their own.
$dir = $argv[2] . '/discovery-index';
$builder = $fs->builder($dir);
foreach ([
    ['id' => 'track-order', 'lang' => 'en', 'title' => 'Where is my order?', 'category' => 'shipping',
     'body' => 'Open the tracking link in your shipping email to see where your parcel is.'],
    ['id' => 'track-order', 'lang' => 'de', 'title' => 'Wo ist meine Bestellung?', 'category' => 'shipping',
     'body' => 'Über den Link in der Versandbestätigung sehen Sie, wo Ihr Paket ist.'],
    ['id' => 'track-late', 'lang' => 'en', 'title' => 'My tracking link shows no update', 'category' => 'shipping',
     'body' => 'A parcel tracking link can take a day to show the first scan of your parcel.'],
    ['id' => 'refund-time', 'lang' => 'en', 'title' => 'When do I get my money back?', 'category' => 'returns',
     'body' => 'Refunds reach your account 3 to 5 days after we receive the return.'],
    ['id' => 'refund-card', 'lang' => 'en', 'title' => 'Refunds to a gift card', 'category' => 'returns',
     'body' => 'Refunds of orders paid with a gift card go back to the gift card, not to your account.'],
    ['id' => 'goodwill', 'lang' => 'en', 'title' => 'Goodwill refunds', 'audience' => 'agents', 'category' => 'returns',
     'body' => 'Agents may refund shipping costs as a goodwill gesture.'],
] as $article) {
    $builder->add($article);
}
$builder->finish();
$builder->close();
$searcher = $fs->searcher($dir);

foreach ([  // query, options, did_you_mean (null: none), diagnosis reason (null: none), its detail
    ['trakcing', [], ['query' => 'tracking', 'changed' => [[0, 8]]], null, null],
    ['gift crad', [], ['query' => 'gift card', 'changed' => [[5, 9]]], null, null],
    ['refnuds', ['typo_tolerance' => false], ['query' => 'refunds', 'changed' => [[0, 7]]], 'correction', []],
    ['trakcing', ['corrections' => false], null, null, null],
    ['zzqqxxvv', [], null, 'nothing', []],
    ['zzqqxxvv', ['diagnose' => false], null, null, null],
    ['bestellung', ['fallback' => false], null, 'other_languages', ['de' => 1]],
    ['refunds', ['categories' => ['shipping']], null, 'filtered', ['category']],
] as [$query, $options, $didYouMean, $reason, $detail]) {
    $results = $searcher->search($query, ['languages' => ['en']] + $options);
    $what = "'$query' " . json_encode($options);
    check($results['did_you_mean'] === $didYouMean, "$what: did_you_mean " . json_encode($results['did_you_mean']));
    $diagnosis = $results['diagnosis'];
    if ($reason === null) {
        check($diagnosis === null, "$what: diagnosis " . json_encode($diagnosis));
    } else {
        check($results['hits'] === [] && $diagnosis !== null && $diagnosis['reason'] === $reason
            && !$diagnosis['fallback_only'] && $detail === ($reason === 'filtered' ? $diagnosis['filters'] : $diagnosis['other_languages']),
            "$what: diagnosis " . json_encode($diagnosis));
    }
}
$fallbacks = $searcher->search('refund', ['languages' => ['de']]);
check($fallbacks['hits'] !== [] && $fallbacks['diagnosis']['fallback_only'] === true, 'fallback-only diagnosis');

$suggestions = $searcher->suggest('trac', ['languages' => ['en']]);
check($suggestions['completions'] === [['word' => 'tracking', 'query' => 'tracking', 'articles' => 2]],
    'completions of trac: ' . json_encode($suggestions['completions']));
// The title that says "tracking"; the other article says it in its body only: no title.
check(array_column($suggestions['titles'], 'id') === ['track-late']
    && str_contains($suggestions['titles'][0]['title_html'], '<mark>tracking</mark>'), 'titles of trac');
$suggestions = $searcher->suggest('gift re', ['languages' => ['en'], 'titles' => 1]);
$words = array_map(fn($c) => $c['word'] . ':' . $c['articles'], $suggestions['completions']);
check($words === ['refunds:2', 'returns:2', 'reach:1', 'receive:1']
    && $suggestions['completions'][0]['query'] === 'gift refunds', 'completions of gift re: ' . implode(' ', $words));
check(array_column($suggestions['titles'], 'id') === ['refund-card'], 'titles of gift re');
check($searcher->suggest('goodw')['completions'] === [], 'agents-only word hidden');
check(array_column($searcher->suggest('goodw', ['audiences' => ['agents']])['completions'], 'word') === ['goodwill'],
    'agents-only word for agents');

foreach ([  // id, options, best related article
    ['track-order', ['languages' => ['en']], 'track-late'],
    ['refund-time', ['languages' => ['en']], 'refund-card'],
    ['track-order', ['languages' => ['de']], 'track-late'],
] as [$id, $options, $best]) {
    $related = array_column($searcher->related($id, $options), 'id');
    check(($related[0] ?? '') === $best && !in_array($id, $related, true) && !in_array('goodwill', $related, true),
        "related to $id: " . implode(' ', $related));
}
check(count($searcher->related('refund-time', ['languages' => ['en'], 'limit' => 1])) === 1, 'related limit');

// The query log records the searches given it; the report counts them.
$logFile = $argv[2] . '/searches.jsonl';
$log = $fs->queryLog($logFile);
$searches = [['refund', 'en'], ['Refund ', 'en'], ['zzqqxxvv', 'en'], ['trakcing', 'en'], ['refund', 'de']];
foreach ($searches as [$query, $lang]) {
    $searcher->search($query, ['languages' => [$lang], 'log' => $log]);
}
$searcher->search('parcel', ['languages' => ['en']]);  // not logged
check($log->error() === '', 'log error: ' . $log->error());
$log->close();
$logged = array_map(fn($line) => json_decode($line, true), file($logFile, FILE_IGNORE_NEW_LINES));
check(array_map(fn($l) => [$l['query'], $l['requested'][0]], $logged) === $searches, 'logged lines');
$report = $fs->queryLogReport($logFile);
check([$report['searches'], $report['zero_results'], $report['corrected'], $report['fallback_only']] === [5, 1, 1, 1],
    'report totals: ' . json_encode($report));
check($report['top_searches'][0] === ['query' => 'refund', 'searches' => 3, 'zero_results' => 0], 'top search');
check($report['zero_result_groups'] === [['language' => 'en', 'queries' => [['query' => 'zzqqxxvv', 'searches' => 1,
    'zero_results' => 1]], 'reason' => 'nothing', 'searches' => 1]], 'zero-result groups');
check($report['corrections'] === [['corrected' => 'tracking', 'searches' => 1, 'typed' => 'trakcing']], 'corrections');
check(array_column($report['to_translate'], 'id') === ['refund-card', 'refund-time']
    && $report['to_translate'][0]['wanted'] === ['de' => 1], 'to translate');
$later = $fs->queryLogReport($logFile, '2999-01-01', 1);
check($later['searches'] === 0 && $later['before_since'] === 5, 'report since');
check(count($fs->queryLogReport($logFile, '', 1)['top_searches']) === 1, 'report top');
$closedLog = $fs->queryLog($logFile);
$closedLog->close();

// A cluster of two local shards at different cluster generations: search() and related() say so.
$shards = $argv[2] . '/cluster';
foreach ([['a', 'track-order', 'Where is my parcel?', 'Open the tracking link to follow your parcel.', 1],
          ['b', 'track-late', 'My parcel tracking shows no update', 'A parcel can take a day to show a scan.', 2],
] as [$name, $id, $title, $body, $generation]) {
    $shardWriter = $fs->writer("$shards/$name");
    $shardWriter->upsert(['id' => $id, 'lang' => 'en', 'title' => $title, 'body' => $body]);
    $shardWriter->setClusterGeneration($generation);
    $shardWriter->commit();
    check($shardWriter->clusterGeneration() === $generation, "shard $name generation");
    $shardWriter->close();
}
file_put_contents("$shards/cluster.toml",
    "version = 1\n[[shard]]\nname = \"a\"\npath = \"a\"\n[[shard]]\nname = \"b\"\npath = \"b\"\n");
$cluster = $fs->searcher("$shards/cluster.toml");
$clusterResults = $cluster->search('parcel tracking');
check(ids($clusterResults) !== '' && $clusterResults['generations_differ'] === true
    && $clusterResults['unavailable_shards'] === [], 'cluster search: ' . ids($clusterResults));
$clusterRelated = array_column($cluster->related('track-order', [], $coverage), 'id');
check($clusterRelated === ['track-late'] && $coverage === ['unavailable_shards' => [], 'generations_differ' => true],
    'cluster related: ' . implode(' ', $clusterRelated) . ' ' . json_encode($coverage));
$shardWriter = $fs->writer("$shards/a");
$shardWriter->setClusterGeneration(2);
$shardWriter->commit();
$shardWriter->close();
$cluster->related('track-order', [], $coverage);
check($coverage['generations_differ'] === false, 'cluster related once the generations agree');
$cluster->close();
$searcher->related('track-order', ['languages' => ['en']], $coverage);
check($coverage === ['unavailable_shards' => [], 'generations_differ' => false], 'one index: full coverage');

expect_failures([  // what fails, status, words of the message
    [fn() => $searcher->related('no-such-article'), 'FAQSEARCH_INVALID_ARGUMENT', 'no-such-article'],
    [fn() => $searcher->related('goodwill'), 'FAQSEARCH_INVALID_ARGUMENT', 'goodwill'],
    [fn() => $searcher->related('track-order', ['query' => 'x']), 'FAQSEARCH_INVALID_ARGUMENT', 'no query'],
    [fn() => $searcher->related('track-order', ['limit' => 0]), 'FAQSEARCH_INVALID_ARGUMENT', 'limit'],
    [fn() => $searcher->suggest('trac', ['completions' => 51]), 'FAQSEARCH_INVALID_ARGUMENT', 'completions: must be at most 50'],
    [fn() => $searcher->suggest('trac', ['languages' => ['english']]), 'FAQSEARCH_INVALID_ARGUMENT', 'english'],
    [fn() => $searcher->suggest('trac', ['colour' => 'red']), 'FAQSEARCH_INVALID_ARGUMENT', 'colour'],
    [fn() => $fs->queryLogReport($argv[2] . '/none.jsonl'), 'FAQSEARCH_INDEX_ERROR', 'not a regular file'],
    [fn() => $fs->queryLogReport($logFile, 'yesterday'), 'FAQSEARCH_INVALID_ARGUMENT', 'yesterday'],
    [fn() => $fs->queryLogReport($logFile, '', 0), 'FAQSEARCH_INVALID_ARGUMENT', 'top'],
    [fn() => $fs->queryLog($argv[2] . '/no-dir/log.jsonl'), 'FAQSEARCH_INDEX_ERROR', 'cannot open'],
    [fn() => $searcher->search('refund', ['log' => $logFile]), 'FAQSEARCH_INVALID_ARGUMENT', 'QueryLog'],
    [fn() => $searcher->search('refund', ['log' => $closedLog]), 'FAQSEARCH_INVALID_ARGUMENT', 'closed'],
    [fn() => $closedLog->error(), 'FAQSEARCH_INVALID_ARGUMENT', 'closed'],
    [function () use ($searcher) {
        $searcher->close();
        $searcher->suggest('trac');
    }, 'FAQSEARCH_INVALID_ARGUMENT', 'closed'],
    [fn() => $searcher->related('track-order'), 'FAQSEARCH_INVALID_ARGUMENT', 'closed'],
]);

printf("%d passed, %d failed\n", $passed, $failed);
exit($failed === 0 ? 0 : 1);
