// SPDX-License-Identifier: GPL-3.0-or-later
// talker: the command-line face of the engine. Each subcommand lives in its own file.
#include "Commands.h"
#include "LocalWorkers.h"

#include "talker/Distributed.h"
#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "talker/Runtime.h"

#include <cstdlib>
#include <iostream>

namespace talker::cli {

CLI::Option* addBundleOption(CLI::App& command, std::string& bundle)
{
    return command.add_option("--bundle", bundle, "Model bundle directory (default: the shipped 'chapter' model)");
}

std::filesystem::path bundlePathOrDefault(const std::string& bundle)
{
    return bundle.empty() ? defaultBundlePath() : std::filesystem::path(bundle);
}

void progress(const std::string& what, long done, long total)
{
    std::cerr << what << ": " << done << "/" << total << "\n";
}

} // namespace talker::cli

int main(int argc, char** argv)
{
    CLI::App app{"talker: generate, encode and decode speech codes with a Talker model bundle"};
    app.set_version_flag("--version", std::string("talker ") + TALKER_VERSION);
    app.require_subcommand(1);
    app.footer("Environment: TALKER_THREADS sets the CPU threads (default: all cores); "
               "TALKER_MODELS the directory of shipped bundles; WORLD_SIZE, RANK, LOCAL_RANK, MASTER_ADDR, "
               "MASTER_PORT and TALKER_DIST_TIMEOUT (seconds, default 60) make train and train-codec one rank of "
               "a data-parallel run.");
    talker::cli::setCommandLine(argc, argv);

    talker::cli::addInfoCommand(app);
    talker::cli::addInitCommand(app);
    talker::cli::addGenerateCommand(app);
    talker::cli::addEncodeCommand(app);
    talker::cli::addDecodeCommand(app);
    talker::cli::addRoundtripCommand(app);
    talker::cli::addReplayCommand(app);
    talker::cli::addMelCommand(app);
    talker::cli::addMakeCorpusCommand(app);
    talker::cli::addTrainCodecCommand(app);
    talker::cli::addTrainCommand(app);
    talker::cli::addEvalCommand(app);
    talker::cli::addSayCommand(app);

    try {
        talker::configureThreads(); // TALKER_THREADS or all cores
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // One line: CLI11's message names the option and the problem.
        std::cerr << "error: " << e.what() << " (see --help)\n";
        return e.get_exit_code() ? e.get_exit_code() : 2;
    } catch (const talker::DistributedError& e) {
        std::cerr << "error: " << e.what() << "\n"; // names the rank itself
        return 1;
    } catch (const talker::Error& e) {
        std::cerr << "error: " << talker::cli::rankPrefix() << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "error: " << talker::cli::rankPrefix() << e.what() << "\n";
        return 1;
    }
    return 0;
}
