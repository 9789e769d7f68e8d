"""Admin pieces shared by the apps' ModelAdmins."""
