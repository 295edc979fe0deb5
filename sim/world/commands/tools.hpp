// The command table's entries, one file per tool, and the shorthands they are
// written with. command.cpp assembles the table from these lists, in this
// order: git, kubectl, argocd, delivery, fault, sim.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/world/command.hpp"

namespace gs::world {

std::vector<CommandSpec> git_commands();       // commands/git.cpp
std::vector<CommandSpec> kubectl_commands();   // commands/kubectl.cpp
std::vector<CommandSpec> argocd_commands();    // commands/argocd.cpp
std::vector<CommandSpec> delivery_commands();  // commands/delivery.cpp
std::vector<CommandSpec> fault_commands();     // commands/fault.cpp
std::vector<CommandSpec> sim_commands();       // commands/sim.cpp
std::vector<CommandSpec> ci_commands();        // commands/ci.cpp
std::vector<CommandSpec> flux_commands();      // commands/flux.cpp (issue 12)

namespace spec {

inline FlagSpec flag(std::string name, std::string short_name = "", ValueKind kind = ValueKind::Text) {
  return FlagSpec{std::move(name), std::move(short_name), true, false, false, kind, {}, {}};
}
inline FlagSpec repeatable(FlagSpec f) {
  f.repeatable = true;
  return f;
}
inline FlagSpec required(FlagSpec f) {
  f.required = true;
  return f;
}
inline FlagSpec one_of(std::string name, std::vector<std::string> choices, std::string short_name = "") {
  return FlagSpec{std::move(name), std::move(short_name), true, false, false, ValueKind::OneOf, std::move(choices), {}};
}
// A switch: --prune, -a.
inline FlagSpec sw(std::string name, std::string short_name = "") {
  return FlagSpec{std::move(name), std::move(short_name), false, false, false, ValueKind::Text, {}, {}};
}
inline ArgSpec arg(std::string name, ValueKind kind = ValueKind::Text) {
  return ArgSpec{std::move(name), false, false, kind, {}};
}
inline ArgSpec opt(std::string name, ValueKind kind = ValueKind::Text) {
  return ArgSpec{std::move(name), true, false, kind, {}};
}
inline ArgSpec many(std::string name) { return ArgSpec{std::move(name), false, true, ValueKind::Text, {}}; }
inline ArgSpec choice(std::string name, std::vector<std::string> choices) {
  return ArgSpec{std::move(name), false, false, ValueKind::OneOf, std::move(choices)};
}

inline FlagSpec ns() { return flag("namespace", "n"); }
// kubectl's --context names a cluster as --cluster does.
inline FlagSpec cluster() {
  FlagSpec f = flag("cluster");
  f.aliases = {"context"};
  return f;
}
inline FlagSpec message() { return flag("message", "m"); }
inline FlagSpec author() { return flag("author"); }

// One entry: syntax, help (summary), the handler, and when it exits non-zero.
inline CommandSpec entry(std::vector<std::string> path, std::vector<ArgSpec> args, std::vector<FlagSpec> flags,
                         bool read_only, std::string summary, CommandHandler run, std::string exits = "") {
  return CommandSpec{std::move(path), std::move(args), std::move(flags), read_only, std::move(summary), std::move(exits),
                     run};
}

}  // namespace spec
}  // namespace gs::world
