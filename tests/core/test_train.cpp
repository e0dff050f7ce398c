// SPDX-License-Identifier: GPL-3.0-or-later
// Training and evaluation building blocks, fast: the teacher-forcing layout (with and without a
// delay pattern), the schedule, the WER and n-gram baselines on hand-computed cases, and a tiny
// end-to-end run on a synthetic corpus (fit codec -> train Talker) whose loss must fall and whose
// checkpoint must resume to the same weights as an uninterrupted run.
#include "../support/FileSizeLimit.h"
#include "../support/TrainFixtures.h"
#include "talker/Audio.h"
#include "talker/CodecTrainer.h"
#include "talker/Dataset.h"
#include "talker/Error.h"
#include "talker/Evaluation.h"
#include "talker/ModelBundle.h"
#include "talker/TalkerTrainer.h"
#include "talker/TrainLog.h"

// White-box: the recogniser is private to core (talker eval runs it).
#include "../../core/src/eval/Recogniser.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

using namespace talker;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(std::vector<std::string>)

namespace {

Codes codesOf(int K, const std::vector<std::int32_t>& values)
{
    Codes c;
    c.codebooks = K;
    c.values = values;
    return c;
}

// Fits a tiny codec on the corpus and saves a bundle with an untrained Talker.
void makeBundle(const fs::path& data, const fs::path& bundleDir)
{
    test::makeTinyBundle(data, bundleDir, test::tinyConfig().talker.dropout);
}

// A temporary folder with a tone corpus ("corpus") and an untrained bundle made from it ("a").
struct ToneBundle {
    QTemporaryDir dir;
    fs::path root = dir.path().toStdString();
    fs::path data = root / "corpus";
    ToneBundle()
    {
        test::writeToneCorpus(data);
        makeBundle(data, root / "a");
    }
};

// A short run: batches of 2 x 16 frames, a log line every fifth step, no validation.
TrainOptions shortRun(int steps, int checkpointEvery)
{
    TrainOptions o;
    o.steps = steps;
    o.batch = 2;
    o.seqFrames = 16;
    o.warmupSteps = 2;
    o.checkpointEvery = checkpointEvery;
    o.validEvery = 1000;
    o.logEvery = 5;
    return o;
}

} // namespace

class TestTrain : public QObject {
    Q_OBJECT

  private slots:
    // Issue 16: the recogniser ran through popen with hand-written shell quoting. Now it is started
    // without a shell: a program and a WAV path with spaces, quotes and $( ) reach it as single
    // arguments, nothing in them runs, and failures name the program, the file and the cause.
    void recogniserRunsWithoutAShell()
    {
        QTemporaryDir dir;
        const fs::path root = fs::path(dir.path().toStdString()) / "it's a \"dir\"";
        fs::create_directories(root);
        const fs::path program = root / "fake asr";
        {
            std::ofstream script(program);
            script << "#!/bin/sh\n"
                      "echo \"$#\"\n"
                      "echo \"[$0]\"\n"
                      "for a in \"$@\"; do echo \"[$a]\"; done\n"
                      "echo noise >&2\n"
                      "case \"$2\" in *exit3*) exit 3;; *signal*) kill -TERM $$;; esac\n";
        }
        fs::permissions(program, fs::perms::owner_all);
        const fs::path wav = root / "take $(touch pwned) 'x'.wav";
        const std::string out = Recogniser(program.string()).transcribe(wav);
        QCOMPARE(QString::fromStdString(out), QString::fromStdString("4\n[" + program.string() + "]\n[-infile]\n[" +
                                                                     wav.string() + "]\n[-logfn]\n[/dev/null]\n"));
        QVERIFY(!fs::exists("pwned") && !fs::exists(root / "pwned"));
        const auto refused = [&](const std::string& programName, const fs::path& file, const QString& why) {
            try {
                Recogniser(programName).transcribe(file);
                QFAIL("no error");
            } catch (const Error& e) {
                const QString message = QString::fromStdString(e.what());
                QVERIFY2(message.startsWith(
                             QString::fromStdString("recogniser '" + programName + "' on '" + file.string() + "': ")) &&
                             message.contains(why),
                         qPrintable(message));
            }
        };
        refused((root / "no such program").string(), wav, "cannot start it: No such file or directory");
        refused(program.string(), root / "exit3.wav", "exit status 3");
        refused(program.string(), root / "signal.wav", "ended by signal 15");
    }

    void teacherForcingWithoutDelays()
    {
        TalkerConfig config; // K = 2, V = 128: BOS = 128
        const auto tf = teacherForcing(codesOf(2, {1, 2, 3, 4, 5, 6}), config);
        QCOMPARE(tf.positions, std::int64_t(3));
        // input [BOS, c0, c1], target [c0, c1, c2] (docs/model.md).
        QCOMPARE(tf.input, (std::vector<std::int64_t>{128, 128, 1, 2, 3, 4}));
        QCOMPARE(tf.target, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));
    }

    void teacherForcingWithDelays()
    {
        TalkerConfig config;
        config.delays = {0, 1}; // codebook 1 one frame late: the Generator's layout
        const auto tf = teacherForcing(codesOf(2, {1, 2, 3, 4, 5, 6}), config);
        QCOMPARE(tf.positions, std::int64_t(4));
        // Position p + 1 holds (frame p of cb 0, frame p - 1 of cb 1), BOS where there is none.
        QCOMPARE(tf.input, (std::vector<std::int64_t>{128, 128, 1, 128, 3, 2, 5, 4}));
        // Targets are the next position's input; BOS targets are masked.
        QCOMPARE(tf.target, (std::vector<std::int64_t>{1, -1, 3, 2, 5, 4, -1, 6}));
    }

    void teacherForcingRefusesWrongCodebooks()
    {
        TalkerConfig config;
        QString message;
        try {
            teacherForcing(codesOf(3, {1, 2, 3}), config);
        } catch (const ArgumentError& e) {
            message = e.what();
        }
        QCOMPARE(message, QStringLiteral("teacher forcing: codes have 3 codebooks but the Talker has 2"));
    }

    void corpusCodesReportsAWorkerError()
    {
        // Issue 14: an exception inside the encode workers called std::terminate.
        QTemporaryDir directory;
        CorpusSplit split;
        split.directory = directory.path().toStdString();
        split.name = "valid";
        split.utterances.resize(3);
        for (std::size_t i = 0; i < 3; ++i)
            split.utterances[i].audioPath = split.directory / ("u" + std::to_string(i) + ".wav");
        std::vector<Mel> mels(3);
        for (Mel& mel : mels) {
            mel.bins = 3; // the codec wants 128
            mel.values.assign(30, -5.0f);
        }
        const ModelBundle bundle = ModelBundle::initialise(ModelConfig::chapter(), 1);
        try {
            corpusCodes(split, bundle, mels);
            QFAIL("codes of mels with the wrong bin count");
        } catch (const ArgumentError& e) {
            QCOMPARE(QString(e.what()), QString("cannot encode a mel of 3 bins with a codec for 128"));
        }
    }

    void schedule()
    {
        TrainOptions o;
        o.steps = 1000;
        o.warmupSteps = 100;
        o.learningRate = 1e-3;
        o.minLearningRateRatio = 0.1;
        QCOMPARE(learningRateAt(0, o), 1e-5);                        // warm-up starts at lr / warmup
        QCOMPARE(learningRateAt(99, o), 1e-3);                       // and reaches the peak at its last step
        QCOMPARE(learningRateAt(100, o), 1e-3);                      // cosine starts at the peak
        QVERIFY(std::abs(learningRateAt(550, o) - 0.55e-3) < 1e-12); // halfway: (peak + floor) / 2
        QVERIFY(std::abs(learningRateAt(1000, o) - 1e-4) < 1e-12);   // and ends at the floor
    }

    void refusesBadOptions()
    {
        TrainOptions o;
        o.steps = 0;
        QString message;
        try {
            o.validate();
        } catch (const ArgumentError& e) {
            message = e.what();
        }
        QCOMPARE(message, QStringLiteral("invalid --steps '0': must be at least 1"));
    }

    void words_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("punctuation") << "Hello, World!" << QStringList{"hello", "world"};
        QTest::newRow("apostrophes") << "'Tis don't 'quoted'" << QStringList{"tis", "don't", "quoted"};
        QTest::newRow("digits") << "In 1984 -- again" << QStringList{"in", "1984", "again"};
        QTest::newRow("empty") << "  ..." << QStringList{};
    }
    void words()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QStringList got;
        for (const auto& w : normalisedWords(text.toStdString()))
            got << QString::fromStdString(w);
        QCOMPARE(got, expected);
    }

    void editDistance_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("hypothesis");
        QTest::addColumn<int>("edits");
        QTest::newRow("same") << "a b c"
                              << "a b c" << 0;
        QTest::newRow("substitution") << "a b c"
                                      << "a x c" << 1;
        QTest::newRow("deletion") << "a b c"
                                  << "a c" << 1;
        QTest::newRow("insertion") << "a b c"
                                   << "a b b c" << 1;
        QTest::newRow("empty hypothesis") << "a b c"
                                          << "" << 3;
        QTest::newRow("empty reference") << ""
                                         << "a b" << 2;
        QTest::newRow("shifted") << "the cat sat"
                                 << "cat sat on" << 2;
    }
    void editDistance()
    {
        QFETCH(QString, reference);
        QFETCH(QString, hypothesis);
        QFETCH(int, edits);
        QCOMPARE(wordEditDistance(normalisedWords(reference.toStdString()), normalisedWords(hypothesis.toStdString())),
                 edits);
    }

    void ngramBaselines()
    {
        // One codebook of V = 2; train [0 1 0 1], valid [0 1].
        const std::vector<Codes> train{codesOf(1, {0, 1, 0, 1})}, valid{codesOf(1, {0, 1})};
        // Unigram, add-one: p(0) = p(1) = (2 + 1) / (4 + 2) = 1/2.
        QVERIFY(std::abs(ngramCrossEntropy(train, valid, 2, 1)[0] - std::log(2.0)) < 1e-12);
        // Bigram: p(0 | BOS) = (1 + 1) / (1 + 2) = 2/3, p(1 | 0) = (2 + 1) / (2 + 2) = 3/4.
        const double expected = -(std::log(2.0 / 3.0) + std::log(3.0 / 4.0)) / 2.0;
        QVERIFY(std::abs(ngramCrossEntropy(train, valid, 2, 2)[0] - expected) < 1e-12);
    }

    void codeStatsOfAKnownSequence()
    {
        ModelConfig config = test::tinyConfig(); // V = 16, S = 5, 12.5 Hz
        const Codes codes = codesOf(2, {1, 2, 1, 2, 1, 2, 3, 4});
        Mel mel;
        mel.bins = 2;
        // Four tokens of 5 x 2 values: loud, silent, silent, loud.
        for (float level : {0.0f, -11.0f, -11.0f, 0.0f})
            mel.values.insert(mel.values.end(), 10, level);
        const CodeStats s = codeStats(codes, mel, config, -9.0);
        QCOMPARE(s.distinctFraction, (std::vector<double>{2.0 / 16, 2.0 / 16}));
        QCOMPARE(s.longestRepeatRun, FrameIndex(3));
        QCOMPARE(s.silentFraction, 0.5);
        QCOMPARE(s.longestSilenceS, 2 * 0.08);
    }

    void codecFitReducesErrorWithEachCodebook()
    {
        QTemporaryDir dir;
        const fs::path data = fs::path(dir.path().toStdString()) / "corpus";
        test::writeToneCorpus(data);
        const ModelConfig config = test::tinyConfig();
        const auto mels = corpusLogMels(readCorpusSplit(data, "train"), config.audio);
        CodecFitOptions fit;
        fit.kmeansIterations = 5;
        const auto weights = fitCodec(config, mels, fit);
        const CodecError error = measureCodecError(config, weights, mels);
        QCOMPARE(error.mseByCodebooks.size(), std::size_t(2));
        QVERIFY2(error.full() < error.baseOnly(), "the residual codebook must reduce the error");
        // The cache is reused: a second call reads the same values from DATA/cache.
        const auto again = corpusLogMels(readCorpusSplit(data, "train"), config.audio);
        QCOMPARE(again.size(), mels.size());
        QCOMPARE(again[3].values, mels[3].values);
    }

    void lossFallsAndResumeRepeatsTheRun()
    {
        const ToneBundle tone;
        const fs::path& root = tone.root;
        const fs::path& data = tone.data;
        fs::copy(root / "a", root / "b", fs::copy_options::recursive);

        TrainOptions o;
        o.steps = 40;
        o.batch = 4;
        o.seqFrames = 16;
        o.learningRate = 1e-2;
        o.warmupSteps = 5;
        o.checkpointEvery = 20;
        o.validEvery = 20;
        o.logEvery = 5;
        trainTalker(data, root / "a", o);
        const auto log = test::readTrainLog(root / "a" / "train-log.jsonl");
        QVERIFY(log.size() >= 8);
        const double first = log.front()["train_loss"], last = log.back()["train_loss"];
        QVERIFY2(last < 0.7 * first, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));
        QVERIFY(log.back().contains("valid_loss_by_codebook"));
        const auto trained = ModelBundle::load(root / "a");
        QCOMPARE(trained.config.provenance["trained"].get<bool>(), true);

        // Run again to the end, then resume from its checkpoint (step 20): steps 20..40 again must
        // give the straight run's weights (each step's batch and dropout depend on seed and step).
        trainTalker(data, root / "b", o);
        TrainOptions resumed = o;
        resumed.resume = true;
        trainTalker(data, root / "b", resumed);
        const auto again = ModelBundle::load(root / "b");
        for (const auto& [name, tensor] : trained.talkerWeights) {
            const auto& other = again.talkerWeights.at(name).values;
            for (std::size_t i = 0; i < tensor.values.size(); ++i)
                QVERIFY2(std::abs(tensor.values[i] - other[i]) < 1e-4, name.c_str());
        }
        QCOMPARE(test::readTrainLog(root / "b" / "train-log.jsonl").size(), log.size());

        // The studio's reader (talker/TrainLog.h) reads what the trainer wrote, line for line.
        const auto steps = talker::readTrainLog(root / "b" / TrainLogFile);
        QCOMPARE(steps.size(), log.size());
        for (std::size_t i = 0; i < steps.size(); ++i) {
            QCOMPARE(steps[i].step, log[i]["step"].get<int>());
            QCOMPARE(steps[i].trainLossByCodebook, log[i]["train_loss_by_codebook"].get<std::vector<double>>());
            QCOMPARE(bool(steps[i].validLossByCodebook), log[i].contains("valid_loss_by_codebook"));
        }
    }

    void trainLogRefusesWhatIsNotALog_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("cause");
        const QByteArray one = "{\"step\":1,\"train_loss\":9,\"train_loss_by_codebook\":[4.5,4.5]}";
        QTest::newRow("empty") << QByteArray() << "it holds no training steps";
        QTest::newRow("cut short, then more") << QByteArray("{\"step\":1,\"train_lo"
                                                            "\n") +
                                                     one + "\n"
                                              << "line 1: not valid JSON";
        QTest::newRow("step 0") << QByteArray("{\"step\":0,\"train_loss\":9,\"train_loss_by_codebook\":[4.5]}"
                                              "\n")
                                << "line 1: \"step\" is 0, not a whole number from 1";
        QTest::newRow("step 1.5") << QByteArray("{\"step\":1.5,\"train_loss\":9,\"train_loss_by_codebook\":[4.5]}"
                                                "\n")
                                  << "line 1: \"step\" is 1.5, not a whole number";
        QTest::newRow("steps go back") << one + "\n" + one + "\n"
                                       << "line 2: step 1 after step 1 (steps must increase)";
        QTest::newRow("codebooks change")
            << one + "\n" + "{\"step\":2,\"train_loss\":9,\"train_loss_by_codebook\":[4.5]}" + "\n"
            << "line 2: 1 codebooks, but line 1 of the log has 2";
        QTest::newRow("loss not a number")
            << QByteArray("{\"step\":1,\"train_loss\":9,\"train_loss_by_codebook\":[\"4.5\"]}"
                          "\n")
            << "\"train_loss_by_codebook\" holds \"4.5\", not a finite number";
        QTest::newRow("no losses") << QByteArray("{\"step\":1,\"train_loss\":9,\"train_loss_by_codebook\":[]}"
                                                 "\n")
                                   << "\"train_loss_by_codebook\" is not a list of 1 to 32 numbers";
        QTest::newRow("validation of other codebooks")
            << QByteArray(
                   "{\"step\":1,\"train_loss\":9,\"train_loss_by_codebook\":[4.5,4.5],\"valid_loss_by_codebook\":[1]}"
                   "\n")
            << "line 1: 1 validation losses for 2 codebooks";
        QTest::newRow("not an object") << QByteArray("[1,2]\n") << "line 1: not a training step";
    }

    void trainLogRefusesWhatIsNotALog()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, cause);
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / TrainLogFile;
        std::ofstream(path, std::ios::binary) << text.toStdString();
        try {
            talker::readTrainLog(path);
            QFAIL("a broken loss log was read");
        } catch (const FileError& e) {
            const QString message = e.what();
            QVERIFY2(
                message.startsWith(QString("cannot read the loss log '%1'").arg(QString::fromStdString(path.string()))),
                e.what());
            QVERIFY2(message.contains(cause), e.what());
        }
    }

    void trainLogSkipsTheLineBeingWritten()
    {
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / TrainLogFile;
        TrainProgress p;
        p.step = 7;
        p.trainLoss = 9.25;
        p.trainLossByCodebook = {4.5, 4.75};
        p.validLossByCodebook = std::vector<double>{4.0, 4.25};
        p.elapsedS = 3.5;
        p.worldSize = 2;
        std::ofstream(path, std::ios::binary) << trainLogLine(p) << "\n"
                                              << "{\"step\":8,\"train_lo";
        const auto steps = talker::readTrainLog(path);
        QCOMPARE(steps.size(), std::size_t(1));
        QCOMPARE(steps[0].step, 7);
        QCOMPARE(steps[0].trainLoss, 9.25);
        QCOMPARE(steps[0].trainLossByCodebook, p.trainLossByCodebook);
        QCOMPARE(*steps[0].validLossByCodebook, *p.validLossByCodebook);
        QCOMPARE(steps[0].elapsedS, 3.5);
        QCOMPARE(steps[0].worldSize, 2);
    }

    void cancelWritesACheckpointThatResumes()
    {
        const ToneBundle tone;
        const fs::path& root = tone.root;
        const fs::path& data = tone.data;
        TrainOptions o = shortRun(30, 1000); // only the cancel writes a checkpoint
        std::atomic<bool> cancel = false;
        o.cancel = &cancel;
        int lastStep = 0;
        try {
            // The callback runs after step 10's log line; the flag is seen before step 11 starts.
            trainTalker(data, root / "a", o, [&](const TrainProgress& p) {
                lastStep = p.step;
                if (p.step == 10)
                    cancel = true;
            });
            QFAIL("a cancelled run must throw CancelledError");
        } catch (const CancelledError& e) {
            QCOMPARE(QString(e.what()), QString("training of '%1' cancelled after step 10 of 30; its checkpoint "
                                                "resumes with --resume")
                                            .arg(QString::fromStdString((root / "a").string())));
        }
        QCOMPARE(lastStep, 10);
        std::ifstream stateFile(root / "a" / "checkpoint" / "state.json");
        QCOMPARE(nlohmann::json::parse(stateFile)["step"].get<int>(), 10);
        QCOMPARE(ModelBundle::load(root / "a").config.provenance["talker"]["steps_done"].get<int>(), 10);

        cancel = false;
        o.resume = true;
        trainTalker(data, root / "a", o);
        const auto log = test::readTrainLog(root / "a" / "train-log.jsonl");
        QCOMPARE(log.back()["step"].get<int>(), 30);
        QCOMPARE(log.size(), std::size_t(7)); // steps 1, 5, 10 (first run), 15, 20, 25, 30 (resumed), no repeats
        QCOMPARE(ModelBundle::load(root / "a").config.provenance["trained"].get<bool>(), true);

        // A flag set before the start: nothing trained, no checkpoint, the bundle untouched.
        makeBundle(data, root / "b");
        cancel = true;
        o.resume = false;
        QVERIFY_THROWS_EXCEPTION(CancelledError, trainTalker(data, root / "b", o));
        QVERIFY(!fs::exists(root / "b" / "checkpoint"));
    }

    // Issue 14: the checkpoint's optimizer.pt went through torch::save to a fixed ".tmp" name (a
    // c10::Error on a full disk, the temporary left behind), and its files were replaced one by one,
    // so a failed write could leave one step's weights beside another step's optimiser state.
    void checkpointWriteFailureKeepsThePreviousCheckpoint()
    {
        const ToneBundle tone;
        const fs::path& root = tone.root;
        const fs::path& data = tone.data;
        TrainOptions o = shortRun(10, 5); // one checkpoint, at step 5
        trainTalker(data, root / "a", o);
        const fs::path checkpoint = root / "a" / "checkpoint";
        const auto namesIn = [](const fs::path& directory) {
            std::vector<std::string> names;
            for (const auto& entry : fs::directory_iterator(directory))
                names.push_back(entry.path().filename().string());
            std::sort(names.begin(), names.end());
            return names;
        };
        const auto contents = [](const fs::path& path) {
            std::ifstream in(path, std::ios::binary);
            return std::string(std::istreambuf_iterator<char>(in), {});
        };
        const std::vector<std::string> files = namesIn(checkpoint);
        QCOMPARE(files, (std::vector<std::string>{"optimizer.pt", "state.json", "talker.safetensors"}));
        std::map<std::string, std::string> before;
        for (const auto& name : files)
            before[name] = contents(checkpoint / name);
        const std::vector<std::string> bundleFiles = namesIn(root / "a");

        // Room for every file but the optimiser state (two moments per weight: the largest).
        std::uintmax_t largest = 0;
        for (const auto& entry : fs::directory_iterator(root / "a"))
            if (entry.is_regular_file())
                largest = std::max(largest, entry.file_size());
        largest = std::max(largest, fs::file_size(checkpoint / "talker.safetensors"));
        const rlim_t room = rlim_t(largest + 4096);
        QVERIFY2(before["optimizer.pt"].size() > room, "the optimiser state must be the file that does not fit");
        o.steps = 20;
        o.resume = true;
        std::string message;
        {
            test::FileSizeLimit limit(room);
            QVERIFY(limit.ok());
            try {
                trainTalker(data, root / "a", o); // checkpoint at step 10 fails
            } catch (const FileError& e) {
                message = e.what();
            }
        }
        QCOMPARE(QString::fromStdString(message),
                 QString("cannot write file '%1': File too large")
                     .arg(QString::fromStdString((checkpoint / "optimizer.pt").string())));
        QCOMPARE(namesIn(checkpoint), files);
        for (const auto& name : files)
            QVERIFY2(contents(checkpoint / name) == before[name], name.c_str());
        QCOMPARE(namesIn(root / "a"), bundleFiles); // no temporary directory left beside it

        // The kept checkpoint still resumes, to the end.
        trainTalker(data, root / "a", o);
        QCOMPARE(ModelBundle::load(root / "a").config.provenance["talker"]["steps_done"].get<int>(), 20);
        QCOMPARE(namesIn(root / "a"), bundleFiles);

        // An optimiser state of something else is refused by name, not with LibTorch's message.
        o.steps = 30;
        {
            std::ofstream(checkpoint / "optimizer.pt", std::ios::binary) << "not a torch archive";
        }
        try {
            trainTalker(data, root / "a", o);
            QFAIL("resumed from a broken optimiser state");
        } catch (const FileError& e) {
            QVERIFY2(
                QString(e.what()).startsWith(QString("cannot resume from '%1': not this model's optimiser state (")
                                                 .arg(QString::fromStdString((checkpoint / "optimizer.pt").string()))),
                e.what());
        }
    }

    void indexAudioFolderWritesACorpus()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        // 12 files of 0.5 s at 22.05 kHz in two voice folders, one stereo FLAC at the top.
        const std::vector<float> tone(11025, 0.1f);
        for (int i = 0; i < 6; ++i)
            for (const char* voice : {"anna", "ben"}) {
                fs::create_directories(root / voice);
                writeWav(root / voice / ("take-" + std::to_string(i) + ".wav"), tone, 22050);
            }
        std::ofstream(root / "notes.txt") << "not audio";
        const AudioFolderIndex index = indexAudioFolder(root, 5);
        QCOMPARE(index.trainFiles + index.validFiles, 12L);
        QCOMPARE(index.validFiles, 2L); // files 5 and 10 of 12, in path order
        QCOMPARE(index.voices, (std::vector<std::string>{"anna", "ben"}));
        QVERIFY(std::abs(index.hours * 3600.0 - 12 * 0.5) < 0.01);
        const CorpusSplit train = readCorpusSplit(root, "train");
        const CorpusSplit valid = readCorpusSplit(root, "valid");
        QCOMPARE(train.utterances.size(), std::size_t(10));
        QCOMPARE(valid.utterances.front().audioPath, root / "anna" / "take-4.wav");
        QCOMPARE(valid.utterances.front().voice, std::string("anna"));
        QVERIFY(std::abs(valid.utterances.front().durationS - 0.5) < 1e-3);
        QCOMPARE(corpusLogMels(train, ModelConfig::chapter().audio).size(), std::size_t(10)); // readable as a corpus

        try {
            indexAudioFolder(root);
            QFAIL("a folder with lists must be refused");
        } catch (const FileError& e) {
            QCOMPARE(QString(e.what()),
                     QString("cannot make a corpus of the audio folder '%1': it already has train.tsv "
                             "(it is a corpus; delete the lists to index it again)")
                         .arg(QString::fromStdString(root.string())));
        }
        QVERIFY_THROWS_EXCEPTION(ArgumentError, indexAudioFolder(root, 1));
        fs::create_directories(root / "empty");
        QVERIFY_THROWS_EXCEPTION(FileError, indexAudioFolder(root / "empty"));
        // A broken file is named now, not in the middle of training.
        fs::create_directories(root / "broken" / "x");
        writeWav(root / "broken" / "x" / "a.wav", tone, 22050);
        std::ofstream(root / "broken" / "x" / "b.wav") << "RIFF junk";
        try {
            indexAudioFolder(root / "broken");
            QFAIL("a broken file must be refused");
        } catch (const AudioFileError& e) {
            QVERIFY2(QString(e.what()).contains(QString::fromStdString((root / "broken" / "x" / "b.wav").string())),
                     e.what());
        }
        QVERIFY(!fs::exists(root / "broken" / "train.tsv")); // nothing half-written
    }

    void logMelPassCancels()
    {
        QTemporaryDir dir;
        const fs::path data = fs::path(dir.path().toStdString()) / "corpus";
        test::writeToneCorpus(data);
        const CorpusSplit train = readCorpusSplit(data, "train");
        std::atomic<bool> cancel = true;
        try {
            corpusLogMels(train, test::tinyConfig().audio, 2, {}, &cancel);
            QFAIL("a cancelled pass must throw CancelledError");
        } catch (const CancelledError& e) {
            QCOMPARE(QString(e.what()), QString("log-mel of the train split of '%1' cancelled after 0 of 12 utterances "
                                                "(nothing cached)")
                                            .arg(QString::fromStdString(train.directory.string())));
        }
        QVERIFY(!fs::exists(data / "cache"));
        cancel = false;
        QCOMPARE(corpusLogMels(train, test::tinyConfig().audio, 2, {}, &cancel).size(), std::size_t(12));
    }

    void codecBundleHasProvenanceAndCancels()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        const fs::path data = root / "corpus";
        test::writeToneCorpus(data);
        CodecFitOptions fit;
        fit.kmeansIterations = 3;
        fit.seed = 5;
        const ModelBundle bundle = trainCodecBundle(data, test::tinyConfig(), fit, "test recipe");
        QCOMPARE(bundle.config.provenance["codec"]["recipe"].get<std::string>(), std::string("test recipe"));
        QCOMPARE(bundle.config.provenance["trained"].get<bool>(), false);
        QCOMPARE(bundle.config.metrics["codec"]["valid_logmel_mse_by_codebooks"].size(), std::size_t(2));
        QCOMPARE(bundle.rvqWeights.count("codebooks.1"), std::size_t(1));

        std::atomic<bool> cancel = true;
        fit.cancel = &cancel;
        try {
            trainCodecBundle(data, test::tinyConfig(), fit, "test recipe");
            QFAIL("a cancelled fit must throw CancelledError");
        } catch (const CancelledError& e) {
            QCOMPARE(QString(e.what()), QString("codec fit cancelled during the log-mel of the training split"));
        }
        QVERIFY_THROWS_EXCEPTION(FileError, trainCodecBundle(root / "no-corpus", test::tinyConfig(), {}, "x"));
    }
};

QTEST_GUILESS_MAIN(TestTrain)
#include "test_train.moc"
