#include "sim/metrics/format.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "sim/lesson/terminal.hpp"
#include "sim/metrics/tiers.hpp"

namespace gs::metrics {

std::string duration_cell(const std::optional<Duration>& d) {
  if (!d) return "-";
  return format_duration(Duration{d->ms / 1000 * 1000});
}

std::string per_day_cell(double per_day) { return fmt::format("{:.1f}", per_day); }

std::string fail_rate_cell(const Figures& f) {
  if (!f.fail_rate) return "-";
  return fmt::format("{}/{} ({:.1f}%)", f.failed, f.attempts, *f.fail_rate * 100);
}

std::string with_tier(const std::string& cell, const std::optional<Tier>& tier, std::string_view lang) {
  if (!tier || cell == "-") return cell;
  return cell + " " + std::string(tier_name(*tier, lang));
}

namespace {

std::string pad_cell(const std::string& s, std::size_t width) {
  const std::size_t w = lesson::display_width(s);
  return s + std::string(width > w ? width - w : 0, ' ');
}

std::vector<std::string> row_cells(const Figures& f, std::string_view lang) {
  return {f.app.empty() ? "*" : f.app,
          f.env.empty() ? "-" : f.env,
          std::to_string(f.deployments),
          with_tier(per_day_cell(f.per_day), f.frequency_tier, lang),
          duration_cell(f.median_between),
          with_tier(duration_cell(f.median_lead_time), f.lead_time_tier, lang),
          with_tier(fail_rate_cell(f), f.fail_rate_tier, lang),
          with_tier(duration_cell(f.median_recovery), f.recovery_tier, lang)};
}

std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], lesson::display_width(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) line += i + 1 == row.size() ? row[i] : pad_cell(row[i], widths[i] + 2);
    out += line + "\n";
  }
  return out;
}

nlohmann::ordered_json opt_ms(const std::optional<Duration>& d) {
  return d ? nlohmann::ordered_json(d->ms) : nlohmann::ordered_json(nullptr);
}
nlohmann::ordered_json opt_t(const std::optional<TimePoint>& t) {
  return t ? nlohmann::ordered_json(t->ms) : nlohmann::ordered_json(nullptr);
}
nlohmann::ordered_json opt_tier(const std::optional<Tier>& t) {
  return t ? nlohmann::ordered_json(std::string(tier_name(*t))) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json figures_json(const Figures& f) {
  nlohmann::ordered_json j;
  if (!f.app.empty()) j["app"] = f.app;
  j["env"] = f.env;
  j["production"] = f.production;
  j["deployments"] = f.deployments;
  j["attempts"] = f.attempts;
  j["failed"] = f.failed;
  j["restored"] = f.restored;
  j["deploymentsPerDay"] = f.per_day;
  j["medianTimeBetweenMs"] = opt_ms(f.median_between);
  j["medianLeadTimeMs"] = opt_ms(f.median_lead_time);
  j["changeFailRate"] = f.fail_rate ? nlohmann::ordered_json(*f.fail_rate) : nlohmann::ordered_json(nullptr);
  j["medianRecoveryMs"] = opt_ms(f.median_recovery);
  j["tiers"] = {{"deploymentFrequency", opt_tier(f.frequency_tier)},
                {"changeLeadTime", opt_tier(f.lead_time_tier)},
                {"changeFailRate", opt_tier(f.fail_rate_tier)},
                {"failedDeploymentRecoveryTime", opt_tier(f.recovery_tier)}};
  return j;
}

}  // namespace

std::string report_text(const Report& r, std::string_view lang) {
  const bool ko = lang == "ko";
  const std::vector<std::string> header =
      ko ? std::vector<std::string>{"앱", "환경", "배포", "하루 배포", "배포 간격", "리드 타임", "변경 실패율", "복구 시간"}
         : std::vector<std::string>{"APP", "ENV", "DEPLOYS", "PER DAY", "BETWEEN", "LEAD TIME", "FAIL RATE", "RECOVERY"};
  std::string out = ko ? fmt::format("DORA 지표, 가상 시간 {} ~ {} (중앙값; 앱과 환경별)\n", format_duration(Duration{r.from.ms}),
                                     format_duration(Duration{r.until.ms}))
                       : fmt::format("DORA metrics over virtual {}..{} (medians; per app and environment)\n",
                                     format_duration(Duration{r.from.ms}), format_duration(Duration{r.until.ms}));
  std::vector<std::vector<std::string>> rows{header};
  for (const auto& f : r.apps) rows.push_back(row_cells(f, lang));
  out += table(rows);
  out += ko ? "\n환경별 합계\n" : "\nPer environment\n";
  rows = {header};
  for (const auto& f : r.envs) rows.push_back(row_cells(f, lang));
  out += table(rows);
  out += ko ? "\n등급: 2024 Accelerate State of DevOps 표(PDF와 대조되지 않음). 짧은 창의 하루 배포 수는 외삽한 값입니다.\n"
            : "\nTiers: the 2024 Accelerate State of DevOps table (not checked against the PDF). Per day is "
              "extrapolated from the window.\n";
  return out;
}

std::string report_json(const Report& r) {
  nlohmann::ordered_json j;
  j["fromMs"] = r.from.ms;
  j["untilMs"] = r.until.ms;
  auto apps = nlohmann::ordered_json::array();
  for (const auto& f : r.apps) apps.push_back(figures_json(f));
  j["apps"] = apps;
  auto envs = nlohmann::ordered_json::array();
  for (const auto& f : r.envs) envs.push_back(figures_json(f));
  j["environments"] = envs;
  j["total"] = figures_json(r.total);
  auto deps = nlohmann::ordered_json::array();
  for (const auto& d : r.deployments) {
    nlohmann::ordered_json o;
    o["app"] = d.app;
    o["env"] = d.env;
    o["revision"] = d.revision;
    o["by"] = d.by;
    o["startedMs"] = d.started.ms;
    o["deployedMs"] = opt_t(d.deployed_at);
    o["healthyMs"] = opt_t(d.healthy_at);
    o["commits"] = d.commits;
    o["earliestCommitMs"] = opt_t(d.earliest_commit);
    o["leadTimeMs"] = opt_ms(d.lead_time);
    o["failure"] = d.failure ? nlohmann::ordered_json(std::string(failure_kind_name(*d.failure)))
                             : nlohmann::ordered_json(nullptr);
    o["failedMs"] = opt_t(d.failed_at);
    o["restoredMs"] = opt_t(d.restored_at);
    deps.push_back(o);
  }
  j["deployments"] = deps;
  return j.dump();
}

std::string report_csv(const Report& r) {
  std::string out =
      "app,env,production,deployments,attempts,failed,restored,deployments_per_day,median_between_ms,"
      "median_lead_time_ms,change_fail_rate,median_recovery_ms,frequency_tier,lead_time_tier,fail_rate_tier,"
      "recovery_tier\n";
  auto ms = [](const std::optional<Duration>& d) { return d ? std::to_string(d->ms) : std::string(); };
  auto tier = [](const std::optional<Tier>& t) { return t ? std::string(tier_name(*t)) : std::string(); };
  auto row = [&](const Figures& f) {
    // App and cluster names are DNS labels: no comma or quote to escape.
    out += fmt::format("{},{},{},{},{},{},{},{:.3f},{},{},{},{},{},{},{},{}\n", f.app.empty() ? "*" : f.app, f.env,
                       f.production ? "true" : "false", f.deployments, f.attempts, f.failed, f.restored, f.per_day,
                       ms(f.median_between), ms(f.median_lead_time),
                       f.fail_rate ? fmt::format("{:.4f}", *f.fail_rate) : std::string(), ms(f.median_recovery),
                       tier(f.frequency_tier), tier(f.lead_time_tier), tier(f.fail_rate_tier), tier(f.recovery_tier));
  };
  for (const auto& f : r.apps) row(f);
  for (const auto& f : r.envs) row(f);
  return out;
}

}  // namespace gs::metrics
