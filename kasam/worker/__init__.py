"""`kasam db_worker`: the database queue's worker (ADR 006), made to outlive a database outage. Listed in
INSTALLED_APPS before django_tasks_db, so that its command of the same name is the one that runs."""
