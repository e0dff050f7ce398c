#include "training/LossLog.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace talker::ui {

namespace {

std::optional<std::vector<double>> numbers(const QJsonValue& value)
{
    if (!value.isArray())
        return std::nullopt;
    std::vector<double> out;
    for (const QJsonValue& v : value.toArray()) {
        if (!v.isDouble())
            return std::nullopt;
        out.push_back(v.toDouble());
    }
    return out;
}

} // namespace

std::optional<std::vector<TrainProgress>> readLossLog(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error =
            QCoreApplication::translate("LossLog", "Cannot read the loss log '%1': %2").arg(path, file.errorString());
        return std::nullopt;
    }
    std::vector<TrainProgress> steps;
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        ++lineNumber;
        if (line.isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        const QJsonObject o = document.object();
        const auto byCodebook = numbers(o.value(QStringLiteral("train_loss_by_codebook")));
        if (parseError.error != QJsonParseError::NoError || !document.isObject() ||
            !o.value(QStringLiteral("step")).isDouble() || !o.value(QStringLiteral("train_loss")).isDouble() ||
            !byCodebook) {
            *error = QCoreApplication::translate(
                         "LossLog", "Cannot read the loss log '%1', line %2: not a training step (step, train_loss, "
                                    "train_loss_by_codebook)")
                         .arg(path)
                         .arg(lineNumber);
            return std::nullopt;
        }
        TrainProgress p;
        p.step = o.value(QStringLiteral("step")).toInt();
        p.trainLoss = o.value(QStringLiteral("train_loss")).toDouble();
        p.trainLossByCodebook = *byCodebook;
        p.learningRate = o.value(QStringLiteral("lr")).toDouble();
        p.elapsedS = o.value(QStringLiteral("elapsed_s")).toDouble();
        if (o.contains(QStringLiteral("valid_loss_by_codebook"))) {
            p.validLossByCodebook = numbers(o.value(QStringLiteral("valid_loss_by_codebook")));
            if (!p.validLossByCodebook) {
                *error =
                    QCoreApplication::translate(
                        "LossLog", "Cannot read the loss log '%1', line %2: valid_loss_by_codebook is not a list of "
                                   "numbers")
                        .arg(path)
                        .arg(lineNumber);
                return std::nullopt;
            }
        }
        steps.push_back(std::move(p));
    }
    if (steps.empty()) {
        *error = QCoreApplication::translate("LossLog", "Cannot read the loss log '%1': it holds no training steps")
                     .arg(path);
        return std::nullopt;
    }
    return steps;
}

} // namespace talker::ui
