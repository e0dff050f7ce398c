// SPDX-License-Identifier: GPL-3.0-or-later
// The loaded model bundle: name, where it came from, its configuration, parameter counts,
// provenance and metrics (as model.json records them).
//
// Thread safety: GUI thread only.
#pragma once

#include "talker/ModelBundle.h"

#include <QWidget>

class QAction;
class QLabel;
class QTextBrowser;

namespace talker::ui {

class ModelPanel : public QWidget {
    Q_OBJECT

  public:
    ModelPanel(QAction* openModel, QWidget* parent = nullptr);

    /// Shows `bundle`, or, when null, `message` (why no model is loaded).
    void showBundle(const ModelBundle* bundle, const QString& message = {});
    void setBackend(const QString& backendName, const QString& fallbackReason);
    QString text() const;

  private:
    QLabel* m_name;
    QTextBrowser* m_details;
    QString m_backend;
};

} // namespace talker::ui
