// The peer benchmark's child phases (faqsearch_peerbench --engine E --phase index|query|update):
// each runs in a process of its own, so that peak RSS is the engine's alone, and writes its
// figures to the file the parent named (PeerBenchOptions::result).
#pragma once

#include "peer_options.h"

namespace faqsearch::bench {

/// Runs the phase `o.phase` of engine `o.engine` over the corpus in `o.work`; 0 on success.
int run_child(const PeerBenchOptions& o);

}  // namespace faqsearch::bench
