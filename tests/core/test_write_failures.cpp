// SPDX-License-Identifier: GPL-3.0-or-later
// Every writer of the engine when the disk is full (RLIMIT_FSIZE: the kernel refuses to let the
// file grow past a few kB, as a full disk refuses every block) and when the directory cannot be
// written (its parent path is a regular file, which stops root as well): a clear error naming the
// file, the previous file intact, and no temporary file left beside it.
#include "../support/FileSizeLimit.h"
#include "talker/Audio.h"
#include "talker/Codes.h"
#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "talker/Safetensors.h"
#include "talker/TakeFile.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <functional>

using namespace talker;
using talker::test::FileSizeLimit;
namespace fs = std::filesystem;

namespace {

using Writer = std::function<void(const fs::path&)>;

/// The writers, each given enough to write well over the size limit.
std::map<std::string, Writer> writers()
{
    const ModelConfig config = ModelConfig::chapter();
    Codes codes;
    codes.codebooks = 2;
    for (int i = 0; i < 20000; ++i)
        codes.values.push_back(i % 128);
    Mel mel;
    mel.bins = 128;
    mel.values.assign(128 * 400, -3.25f);
    TakeFile take;
    take.bundleName = "chapter";
    take.bundleFingerprint = "fnv1a64:0123456789abcdef";
    take.codebookSize = 128;
    take.frameRateHz = 12.5;
    take.params.frames = int(codes.frames());
    take.codes = codes;
    TensorMap tensors;
    tensors["x"] = HostTensor{{64, 64}, std::vector<float>(64 * 64, 0.5f)};
    return {
        {"wav", [](const fs::path& p) { writeWav(p, std::vector<float>(16000, 0.25f), 16000); }},
        {"codes.json", [=](const fs::path& p) { writeCodesJson(p, codes, config); }},
        {"codes.csv", [=](const fs::path& p) { writeCodesCsv(p, codes, 12.5); }},
        {"mel.csv", [=](const fs::path& p) { writeMelCsv(p, mel); }},
        {"take", [=](const fs::path& p) { writeTakeFile(p, take); }},
        {"safetensors (checkpoint)", [=](const fs::path& p) { writeSafetensors(p, tensors); }},
    };
}

/// The message of the talker::Error that writing `target` threw; empty when the write succeeded.
std::string failureOf(const Writer& write, const fs::path& target)
{
    try {
        write(target);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

std::string contents(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> namesIn(const fs::path& directory)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(directory))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

class TestWriteFailures : public QObject {
    Q_OBJECT

  private slots:
    void fullDiskKeepsThePreviousFile_data()
    {
        QTest::addColumn<QString>("writer");
        for (const auto& [name, write] : writers())
            QTest::newRow(name.c_str()) << QString::fromStdString(name);
    }

    void fullDiskKeepsThePreviousFile()
    {
        QFETCH(QString, writer);
        QTemporaryDir dir;
        const fs::path target = fs::path(dir.path().toStdString()) / "output";
        std::ofstream(target) << "the previous take";
        {
            FileSizeLimit limit(4096);
            QVERIFY(limit.ok());
            const std::string message = failureOf(writers().at(writer.toStdString()), target);
            QVERIFY2(!message.empty(), "a write past the file size limit succeeded");
            QVERIFY2(message.find(target.string()) != std::string::npos, message.c_str());
            QVERIFY2(message.find("File too large") != std::string::npos, message.c_str());
        }
        QCOMPARE(contents(target), std::string("the previous take"));
        QCOMPARE(namesIn(target.parent_path()), std::vector<std::string>{"output"});
        // And with the limit lifted the same writer succeeds: it was the disk, not the data.
        writers().at(writer.toStdString())(target);
        QVERIFY(fs::file_size(target) > 4096);
        QCOMPARE(namesIn(target.parent_path()), std::vector<std::string>{"output"});
    }

    void unwritableDirectoryIsNamed_data() { fullDiskKeepsThePreviousFile_data(); }

    void unwritableDirectoryIsNamed()
    {
        QFETCH(QString, writer);
        QTemporaryDir dir;
        const fs::path plain = fs::path(dir.path().toStdString()) / "plain.txt";
        std::ofstream(plain) << "keep me";
        const fs::path target = plain / "output";
        const std::string message = failureOf(writers().at(writer.toStdString()), target);
        QVERIFY2(!message.empty(), "a file was written below a regular file");
        QVERIFY2(message.find(target.string()) != std::string::npos, message.c_str());
        QVERIFY2(message.find("Not a directory") != std::string::npos, message.c_str());
        QCOMPARE(contents(plain), std::string("keep me"));
        QCOMPARE(namesIn(plain.parent_path()), std::vector<std::string>{"plain.txt"});
    }

    void fullDiskKeepsThePreviousBundle()
    {
        QTemporaryDir dir;
        const fs::path bundleDir = fs::path(dir.path().toStdString()) / "bundle";
        const ModelBundle first = ModelBundle::initialise(ModelConfig::chapter(), 1);
        first.save(bundleDir);
        const std::vector<std::string> files = namesIn(bundleDir);
        std::map<std::string, std::string> before;
        for (const std::string& name : files)
            before[name] = contents(bundleDir / name);
        {
            FileSizeLimit limit(64 * 1024);
            QVERIFY(limit.ok());
            try {
                ModelBundle::initialise(ModelConfig::chapter(), 2).save(bundleDir);
                QFAIL("a bundle was saved past the file size limit");
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).find(bundleDir.string()) != std::string::npos, e.what());
            }
        }
        QCOMPARE(namesIn(bundleDir), files);
        for (const std::string& name : files)
            QVERIFY2(contents(bundleDir / name) == before[name], name.c_str());
        QCOMPARE(ModelBundle::load(bundleDir).talkerWeights.at("norm.weight").values,
                 first.talkerWeights.at("norm.weight").values);
    }
};

QTEST_APPLESS_MAIN(TestWriteFailures)
#include "test_write_failures.moc"
