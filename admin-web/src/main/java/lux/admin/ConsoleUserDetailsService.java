package lux.admin;

import lux.users.UserService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Console sign-in looks users up by email; users without a password (Teams-only) cannot
 * sign in.
 */
@Component
class ConsoleUserDetailsService implements UserDetailsService {

    private final UserService users;

    ConsoleUserDetailsService(UserService users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return users.findByEmail(email)
            .filter(u -> u.getPasswordHash() != null)
            .map(ConsoleUser::of)
            .orElseThrow(() -> new UsernameNotFoundException("No console user with that address"));
    }

}
