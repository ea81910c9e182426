evaluate(new File(basedir, '../it-parent/support.groovy')).verifySingleBuild(basedir, 'arm64', 'arm64')
