// SPDX-License-Identifier: GPL-3.0-or-later
// Fixtures shared by the studio's GUI tests (tests/ui; header-only: each test is its own executable).
#pragma once

#include "MainWindow.h"

#include <QString>

#include <memory>

namespace talker::test {

/// A shown main window on `bundle`, without the user's settings.
inline std::unique_ptr<ui::MainWindow> makeWindow(const QString& bundle)
{
    ui::MainWindow::Options options;
    options.bundlePath = bundle;
    options.useSettings = false;
    options.askBeforeDiscarding = false;
    auto window = std::make_unique<ui::MainWindow>(options);
    window->show();
    return window;
}

} // namespace talker::test
