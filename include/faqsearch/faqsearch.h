// faqsearch: umbrella header. Include this to get the whole public API.
#pragma once

#include "faqsearch/analyzer.h"
#include "faqsearch/article.h"
#include "faqsearch/cluster.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/language.h"
#include "faqsearch/query_log.h"
#include "faqsearch/search.h"
#include "faqsearch/sync.h"
#include "faqsearch/synonyms.h"
#include "faqsearch/version.h"
