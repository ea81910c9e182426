evaluate(new File(basedir, '../it-parent/support.groovy')).verifySingleBuild(basedir, 'amd64', 'x86_64')
