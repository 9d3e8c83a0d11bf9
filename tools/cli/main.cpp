// faqsearch: index, search, evaluate and inspect help-center search from the command line.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "cli/cli_common.h"
#include "faqsearch/error.h"
#include "faqsearch/version.h"

int main(int argc, char** argv) {
  CLI::App app{"faqsearch: multilingual help-center search (index, sync, search, suggest, related, eval, analyze, stats, serve, report)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("faqsearch ") + faqsearch::version());
  // Usage errors quote the arguments, which may hold terminal escapes.
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    return faqsearch::cli::printable(CLI::FailureMessage::simple(failed, e), true);
  });
  int exit_code = 0;
  faqsearch::cli::add_index_command(app, exit_code);
  faqsearch::cli::add_sync_command(app, exit_code);
  faqsearch::cli::add_search_command(app);
  faqsearch::cli::add_eval_command(app);
  faqsearch::cli::add_analyze_command(app);
  faqsearch::cli::add_stats_command(app);
  faqsearch::cli::add_serve_command(app);
  faqsearch::cli::add_suggest_command(app);
  faqsearch::cli::add_related_command(app);
  faqsearch::cli::add_report_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return faqsearch::cli::kExitUsage;
  } catch (const faqsearch::InvalidArgument& e) {
    std::cerr << "faqsearch: error: " << faqsearch::cli::printable(e.what()) << "\n";
    return faqsearch::cli::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "faqsearch: error: " << faqsearch::cli::printable(e.what()) << "\n";
    return faqsearch::cli::kExitFailure;
  }
  return exit_code;
}
