from kasam.cli import main

main()
