// POST /sync: `faqsearch sync` over HTTP. The body is an export, applied with the library's
// Syncer as one batch on the service's one writer.
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <string_view>

#include "cli/cli_common.h"
#include "cli/import_input.h"
#include "cli/import_report.h"
#include "cli/results_json.h"
#include "cli/serve/http_json.h"
#include "cli/serve/service.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/sync.h"

namespace faqsearch::cli::serve {

namespace {

using nlohmann::json;

/// How the body is written, from its Content-Type.
enum class ExportShape { kJsonLines, kJsonArray };

/// Problems listed in a refusal: enough to fix a broken export, bounded however broken it is.
constexpr std::size_t kMaxProblemsListed = 100;

/// Thrown by the strict sync on the first malformed record: nothing is committed.
struct MalformedExport {
  std::vector<std::string> problems;
};

struct SyncParams {
  SyncOptions sync;
  bool allow_empty = false;
  bool skip_malformed = false;
};

SyncParams sync_params(const httplib::Params& params) {
  SyncParams out;
  for (const auto& [name, value] : params) {
    if (name == "source") {
      out.sync.source = value;
    } else if (name == "dry_run") {
      out.sync.dry_run = flag_param("sync", name, value);
    } else if (name == "allow_empty") {
      out.allow_empty = flag_param("sync", name, value);
    } else if (name == "skip_malformed") {
      out.skip_malformed = flag_param("sync", name, value);
    } else {
      throw InvalidArgument(fmt::format("sync: unknown parameter {}", name));
    }
  }
  return out;
}

/// JSON lines for application/x-ndjson, application/jsonl and application/json-lines (the names in
/// use for one format); a JSON array of articles for application/json. Anything else is refused
/// (nullopt): a form-encoded body (curl -d's default) would have lost its line breaks.
std::optional<ExportShape> export_shape(const httplib::Request& request) {
  std::string type = request.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type == "application/x-ndjson" || type == "application/jsonl" || type == "application/json-lines") {
    return ExportShape::kJsonLines;
  }
  if (type == "application/json") return ExportShape::kJsonArray;
  return std::nullopt;
}

/// The body as a JSON-lines file the importer reads: JSON lines as they are; a JSON array one
/// element a line, so that line N is element N-1.
void write_export_file(const std::string& body, ExportShape shape, const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary);
  if (shape == ExportShape::kJsonLines) {
    out << body;
  } else {
    const json array = parse_json_line(body, "request body", 1);
    if (!array.is_array()) throw InvalidArgument("request body: expected a JSON array of articles");
    for (const json& element : array) out << to_json_line(element) << '\n';
  }
  if (!out.flush()) throw Error("sync: cannot write the request body to a temporary file");
}

/// Where a problem is in the body: "request body:LINE" for JSON lines, "request body[INDEX]" for
/// an array (the importer's line N is element N-1). Never the temporary file's name.
std::string problem_text(const ImportProblem& problem, ExportShape shape) {
  std::string out = "request body";
  if (problem.where.line != 0) {
    out += shape == ExportShape::kJsonLines ? fmt::format(":{}", problem.where.line)
                                            : fmt::format("[{}]", problem.where.line - 1);
  }
  out += ": ";
  if (!problem.where.field.empty()) out += problem.where.field + ": ";
  return out + problem.message;
}

/// Every record of the export into `syncer`, as `faqsearch sync --format jsonl` reads a file.
/// Malformed records end the sync (MalformedExport) unless `skip_malformed`: then they are listed
/// in `report` and the sync removes nothing, as the CLI does.
void read_export(const std::filesystem::path& file, ExportShape shape, bool skip_malformed, Syncer& syncer,
                 ImportReport& report) {
  ImportOptions options;
  options.format = InputFormat::kJsonl;
  const auto on_problem = [&](const ImportProblem& problem) {
    if (report.problems.size() < kMaxProblemsListed) report.problems.push_back(problem_text(problem, shape));
    if (skip_malformed) syncer.skip(SkipKind::kMalformed, "malformed record (reported)");
  };
  import_into(syncer, file, options, on_problem);
  if (!skip_malformed && !report.problems.empty()) throw MalformedExport{report.problems};
}

/// An export without a single article more often is a wrong body than a help center that
/// deleted everything (as `faqsearch sync --allow-empty`).
void refuse_emptying(const SyncParams& params, const SyncSummary& would) {
  const SyncCounts& t = would.total;
  if (params.allow_empty || t.added + t.updated + t.unchanged > 0 || t.removed == 0) return;
  throw InvalidArgument(fmt::format(
      "sync: the export holds no articles, so this sync would remove all {} articles of source '{}'; pass "
      "allow_empty=1 if that is meant",
      t.removed, params.sync.source));
}

}  // namespace

void Service::handle_sync(const httplib::Request& request, httplib::Response& response) {
  const auto started = std::chrono::steady_clock::now();
  const std::optional<ExportShape> shape_named = export_shape(request);
  if (!shape_named) {
    reply_error(response, kUnsupportedMediaType,
                "sync: Content-Type: send JSON lines as application/x-ndjson or a JSON array of articles as "
                "application/json");
    return;
  }
  const ExportShape shape = *shape_named;
  const SyncParams params = sync_params(request.params);
  const TemporaryDirectory scratch("faqsearch-serve-sync-");
  const std::filesystem::path file = scratch.path() / "export.jsonl";
  write_export_file(request.body, shape, file);
  ImportReport report;
  report.command = "sync";
  report.db = options_.db.string();
  try {
    std::lock_guard lock(writer_mutex_);
    IndexWriter writer = IndexWriter::open(options_.db, OpenMode::kOpen, index_settings(options_.db));
    Syncer syncer(writer, params.sync);
    read_export(file, shape, params.skip_malformed, syncer, report);
    refuse_emptying(params, syncer.summary());
    report.sync = syncer.commit();
  } catch (const MalformedExport& malformed) {
    const std::string message = malformed.problems.front() + " (nothing was changed; skip_malformed=1 syncs the rest)";
    json error = json::object();
    error["status"] = static_cast<int>(kBadRequest);
    error["message"] = message;
    json body = json::object();
    body["error"] = std::move(error);
    body["problems"] = malformed.problems;
    reply_json(response, body, kBadRequest);
    return;
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  reply_json(response, report_to_json(report));
}

}  // namespace faqsearch::cli::serve
