#pragma once

#include "MessageBar.h"
#include "Profile.h"
#include "ProfileStore.h"

#include <QWidget>
#include <optional>

class HttpClient;
class QAction;
class QLabel;
class QListView;
class ProfileEditorDialog;
class ProfileListModel;
class SecretVault;

// The profile list with its actions (new, edit, duplicate, delete, import, export). Every change is saved
// through ProfileStore at once; secrets go to the SecretVault. Problems are reported through message().
class ProfilesPanel final : public QWidget
{
    Q_OBJECT
public:
    ProfilesPanel(const ProfileStore &store, SecretVault *vault, HttpClient *http, QWidget *parent = nullptr);

    // Reads the profile file; reports a corrupt file through message(). Call once signals are connected.
    void loadProfiles();

    std::optional<Profile> currentProfile() const;
    QString filePath() const { return m_store.filePath(); }
    void selectProfile(const QString &id);

    QAction *newAction() const { return m_newAction; }
    QAction *editAction() const { return m_editAction; }
    QAction *duplicateAction() const { return m_duplicateAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *importAction() const { return m_importAction; }
    QAction *exportAction() const { return m_exportAction; }

    void addProfile();
    void editProfile();
    void duplicateProfile();
    void deleteProfile();
    void importProfiles();
    void exportProfiles();
    bool importFromFile(const QString &path);
    bool exportToFile(const QString &path);

Q_SIGNALS:
    void currentProfileChanged();
    void message(const QString &text, MessageBar::Type type);

private:
    void openEditor(const Profile &profile, bool isNew);
    void editorFinished(ProfileEditorDialog *dialog, int result);
    void storeSecret(const Profile &profile, const QString &secret);
    void copySecret(const Profile &from, const Profile &to);
    void removeProfileAt(int row);
    void persist();
    void updateActions();
    int currentRow() const;

    ProfileStore m_store;
    SecretVault *m_vault;
    HttpClient *m_http;
    ProfileListModel *m_model;
    QListView *m_view;
    QLabel *m_emptyLabel;
    QAction *m_newAction;
    QAction *m_editAction;
    QAction *m_duplicateAction;
    QAction *m_deleteAction;
    QAction *m_importAction;
    QAction *m_exportAction;
};
