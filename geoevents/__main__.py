from geoevents.cli import main

raise SystemExit(main())
